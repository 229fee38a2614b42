namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// The SQLite schema as an ordered list of migrations. Migration <c>n</c> (1-based) moves the database from
/// version <c>n - 1</c> to <c>n</c>; the version reached is kept in <c>PRAGMA user_version</c>.
/// Never edit a released migration: append a new one.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The migrations, oldest first.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: the tables of ARCHITECTURE.md section 3. Instants are UTC ticks (INTEGER), local dates are
        // yyyy-MM-dd (TEXT, so they sort), times of day are ticks, lists are JSON arrays.
        """
        CREATE TABLE subscribers (
            phone TEXT NOT NULL PRIMARY KEY,
            status TEXT NOT NULL,
            time_zone_id TEXT NOT NULL,
            send_at_ticks INTEGER NOT NULL,
            categories TEXT NOT NULL,
            name TEXT NULL,
            recent_prompt_ids TEXT NOT NULL,
            paused_until TEXT NULL,
            next_due_utc INTEGER NULL,
            last_sent_local_date TEXT NULL,
            created_at_utc INTEGER NOT NULL,
            updated_at_utc INTEGER NOT NULL,
            confirmation_sent_on TEXT NULL,
            consecutive_permanent_failures INTEGER NOT NULL,
            done_count INTEGER NOT NULL,
            etag TEXT NOT NULL
        );
        CREATE INDEX ix_subscribers_status_phone ON subscribers (status, phone);

        CREATE TABLE schedule (
            due_utc INTEGER NOT NULL,
            phone TEXT NOT NULL,
            PRIMARY KEY (due_utc, phone)
        ) WITHOUT ROWID;

        CREATE TABLE scan_cursor (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            scanned_through_utc INTEGER NOT NULL
        );

        CREATE TABLE deliveries (
            phone TEXT NOT NULL,
            delivery_key TEXT NOT NULL,
            local_date TEXT NOT NULL,
            prompt_id TEXT NULL,
            status TEXT NOT NULL,
            claimed_at_utc INTEGER NOT NULL,
            updated_at_utc INTEGER NOT NULL,
            provider_message_id TEXT NULL,
            error_code INTEGER NULL,
            detail TEXT NULL,
            PRIMARY KEY (phone, delivery_key)
        ) WITHOUT ROWID;
        CREATE INDEX ix_deliveries_phone_local_date ON deliveries (phone, local_date);

        CREATE TABLE prompts (
            id TEXT NOT NULL PRIMARY KEY,
            text TEXT NOT NULL,
            category TEXT NOT NULL,
            audience TEXT NOT NULL,
            why TEXT NOT NULL,
            source TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            etag TEXT NOT NULL
        );

        CREATE TABLE seeded_prompts (
            id TEXT NOT NULL PRIMARY KEY
        ) WITHOUT ROWID;

        CREATE TABLE consent (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            phone TEXT NOT NULL,
            at_utc INTEGER NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            detail TEXT NULL,
            message_sid TEXT NULL
        );
        CREATE INDEX ix_consent_phone_at ON consent (phone, at_utc);

        CREATE TABLE outbound_messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            phone TEXT NOT NULL,
            at_utc INTEGER NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            gateway TEXT NOT NULL,
            outcome TEXT NOT NULL,
            message_id TEXT NULL
        );
        CREATE INDEX ix_outbound_messages_phone_at ON outbound_messages (phone, at_utc);
        """,

        // 2: the admin change log of the prompt library (append-only; before/after are the prompt as JSON, NULL
        // when created or erased) and the daily counters per prompt behind GET /api/stats.
        """
        CREATE TABLE prompt_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            prompt_id TEXT NOT NULL,
            at_utc INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            before_json TEXT NULL,
            after_json TEXT NULL
        );
        CREATE INDEX ix_prompt_changes_prompt_seq ON prompt_changes (prompt_id, seq);

        CREATE TABLE stats (
            local_date TEXT NOT NULL,
            prompt_id TEXT NOT NULL,
            sent INTEGER NOT NULL DEFAULT 0,
            delivered INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            opt_outs INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (local_date, prompt_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_stats_prompt ON stats (prompt_id);
        """,

        // 3: inbound SMS markers (ARCHITECTURE.md section 3, InboundSeen): webhook MessageSid de-duplication with the
        // reply given, and once-a-day markers per phone. Self-contained (IF NOT EXISTS, no reference to other
        // migrations), so it can be renumbered when migrations from parallel work are merged.
        """
        CREATE TABLE IF NOT EXISTS inbound_seen (
            message_sid TEXT NOT NULL PRIMARY KEY,
            phone TEXT NOT NULL,
            received_at_utc INTEGER NOT NULL,
            reply TEXT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS inbound_markers (
            phone TEXT NOT NULL,
            marker TEXT NOT NULL,
            local_date TEXT NOT NULL,
            PRIMARY KEY (phone, marker, local_date)
        ) WITHOUT ROWID;
        """,

        // 4: lost-response safety (issue 11). The claimant's id on each delivery, so a repeated claim by the same
        // claimant is recognised; and one row per counted stats event, so a counter counts each event once.
        """
        ALTER TABLE deliveries ADD COLUMN claim_id TEXT NULL;

        CREATE TABLE IF NOT EXISTS stats_events (
            local_date TEXT NOT NULL,
            counter TEXT NOT NULL,
            event_id TEXT NOT NULL,
            PRIMARY KEY (local_date, counter, event_id)
        ) WITHOUT ROWID;
        """,

        // 5: who is in a subscriber's life (comma-separated partner, children, pets; empty for none) and the count of
        // daily nudges sent (the first and every 7th carry the STOP reminder).
        """
        ALTER TABLE subscribers ADD COLUMN household TEXT NULL;
        ALTER TABLE subscribers ADD COLUMN nudges_sent INTEGER NOT NULL DEFAULT 0;
        """,

        // 6: abuse limits (issue 16) shared by every instance on this file: fixed-window counters (signups per client
        // address and per minute, confirmations per number per UTC day) and rolling-window slots (confirmations per
        // number per 24 hours). Self-contained, so it can be renumbered when migrations from parallel work are merged.
        """
        CREATE TABLE IF NOT EXISTS limit_counters (
            limit_key TEXT NOT NULL,
            win TEXT NOT NULL,
            hits INTEGER NOT NULL,
            PRIMARY KEY (limit_key, win)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS limit_slots (
            limit_key TEXT NOT NULL,
            slot INTEGER NOT NULL,
            used_at_utc INTEGER NOT NULL,
            PRIMARY KEY (limit_key, slot)
        ) WITHOUT ROWID;
        """,

        // 7: scan quarantine (issue 14): one row per phone whose due-index row the scan failed on; quarantined = 1 once
        // the row has left the due index; the suppression list and its key. Self-contained, so it can be renumbered when parallel work is merged.
        """
        CREATE TABLE IF NOT EXISTS scan_quarantine (
            phone TEXT NOT NULL PRIMARY KEY,
            due_utc INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            reason TEXT NOT NULL,
            last_failure_utc INTEGER NOT NULL,
            quarantined INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_scan_quarantine_quarantined ON scan_quarantine (quarantined, last_failure_utc);

        -- Erase (issue 14): numbers that opted out and were erased, as an HMAC-SHA256 of the E.164 (never the number),
        -- and the HMAC key when Privacy:SuppressionKey is not set (generated once, kept with the data).
        CREATE TABLE IF NOT EXISTS suppressions (
            hash TEXT NOT NULL PRIMARY KEY,
            at_utc INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS privacy_key (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            key BLOB NOT NULL
        );
        """,

        // 8: retention (issue 14): indexes on the time columns the sweep deletes or strips by, so its cost follows what
        // expires. The body index is partial (rows that still have a body), so stripped rows are never read again.
        // inbound_markers and stats_events are found by local_date, limit_counters by window (yyyyMMdd...). Self-contained.
        """
        CREATE INDEX IF NOT EXISTS ix_inbound_seen_received ON inbound_seen (received_at_utc);
        CREATE INDEX IF NOT EXISTS ix_inbound_markers_local_date ON inbound_markers (local_date);
        CREATE INDEX IF NOT EXISTS ix_limit_counters_win ON limit_counters (win);
        CREATE INDEX IF NOT EXISTS ix_outbound_messages_body_at ON outbound_messages (at_utc) WHERE body <> '';
        """,
    ];

    /// <summary>The version a fully migrated database has.</summary>
    public static int CurrentVersion => Migrations.Count;
}
