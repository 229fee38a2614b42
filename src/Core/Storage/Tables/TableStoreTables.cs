using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>The tables the stores use, each named <c>{prefix}{Name}</c> (see <see cref="TableStoreOptions.TablesPrefix"/>).</summary>
public sealed class TableStoreTables
{
    public TableStoreTables(TableServiceClient service, string prefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(prefix);
        TableKeys.ValidateTableName(prefix + "Subscribers", nameof(prefix));
        Service = service;
        Prefix = prefix;
        Subscribers = service.GetTableClient(prefix + "Subscribers");
        Schedule = service.GetTableClient(prefix + "Schedule");
        Deliveries = service.GetTableClient(prefix + "Deliveries");
        Prompts = service.GetTableClient(prefix + "Prompts");
        Consent = service.GetTableClient(prefix + "Consent");
        Messages = service.GetTableClient(prefix + "Messages");
        State = service.GetTableClient(prefix + "State");
        PromptChanges = service.GetTableClient(prefix + "PromptChanges");
        Stats = service.GetTableClient(prefix + "Stats");
        InboundSeen = service.GetTableClient(prefix + "InboundSeen");
        Limits = service.GetTableClient(prefix + "Limits");
        ScanQuarantine = service.GetTableClient(prefix + "ScanQuarantine");
        Suppressions = service.GetTableClient(prefix + "Suppressions");
        Retention = service.GetTableClient(prefix + "Retention");
        All = [Subscribers, Schedule, Deliveries, Prompts, Consent, Messages, State, PromptChanges, Stats, InboundSeen,
            Limits, ScanQuarantine, Suppressions, Retention];
    }

    public TableServiceClient Service { get; }

    public string Prefix { get; }

    /// <summary>PK phone, RK phone (RK <c>sub</c> before <see cref="TableRowKeyMigration"/>).</summary>
    public TableClient Subscribers { get; }

    /// <summary>PK <c>{UTC yyyyMMddHH}-{shard 00..15}</c>, RK <c>{due yyyyMMddHHmmss}-{phone}</c>.</summary>
    public TableClient Schedule { get; }

    /// <summary>PK phone, RK <c>{phone}|{delivery key}</c> (the key: local date, plus a suffix for extra sends).</summary>
    public TableClient Deliveries { get; }

    /// <summary>PK <c>prompt</c>, RK prompt id. The library is small and edited rarely.</summary>
    public TableClient Prompts { get; }

    /// <summary>PK phone, RK inverted ticks plus a uniqueness suffix (newest first).</summary>
    public TableClient Consent { get; }

    /// <summary>PK phone, RK inverted ticks plus a uniqueness suffix (newest first).</summary>
    public TableClient Messages { get; }

    /// <summary>Small bookkeeping rows: the scan cursor and the ids of seeded prompts.</summary>
    public TableClient State { get; }

    /// <summary>PK prompt id, RK inverted ticks plus a uniqueness suffix (newest first): the admin audit log.</summary>
    public TableClient PromptChanges { get; }

    /// <summary>PK local date <c>yyyy-MM-dd</c>, RK prompt id: daily counters for the admin stats.</summary>
    public TableClient Stats { get; }

    /// <summary>
    /// Inbound SMS markers: PK MessageSid, RK <c>seen</c> (webhook de-duplication, with the reply given); and
    /// PK phone, RK <c>{marker}-{yyyy-MM-dd}</c> (once-a-day answers). The two never collide: SIDs start with letters,
    /// phones with <c>+</c>.
    /// </summary>
    public TableClient InboundSeen { get; }

    /// <summary>
    /// Abuse-limit counters shared by every instance: PK limit key, RK <c>c-{window}</c> (a fixed-window counter) or
    /// <c>s-{slot}</c> (a rolling-window slot).
    /// </summary>
    public TableClient Limits { get; }

    /// <summary>PK phone, RK <c>scan</c>: due-index rows the scan failed on, and the quarantined ones (few rows).</summary>
    public TableClient ScanQuarantine { get; }

    /// <summary>PK HMAC-SHA256 of an erased, opted-out number (hex), RK <c>suppressed</c>: never the number itself.</summary>
    public TableClient Suppressions { get; }

    /// <summary>
    /// Retention manifests, written ahead of the rows they point at so the sweep finds what expires without scanning:
    /// PK <c>{kind}-{yyyy-MM-dd}</c> (<c>seen</c>, <c>mark</c>, <c>limit</c>, <c>msg</c>), one row per webhook, marker,
    /// limit counter, or batch of texted numbers. See <see cref="TableRetentionManifest"/>.
    /// </summary>
    public TableClient Retention { get; }

    /// <summary>Every table, for creation.</summary>
    public IReadOnlyList<TableClient> All { get; }
}
