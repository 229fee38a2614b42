using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Delivery;

/// <summary>
/// The timer's work: reads who is due from the index (only the window since the last scan), moves each row to
/// the subscriber's next due instant, and returns batches of at most <see cref="DeliveryOptions.BatchSize"/>
/// for SendBatch. Running it twice is harmless: a moved row is not read again, and claims stop double sends.
/// A row that carries its <see cref="SchedulePlan"/> (Table Storage) is moved from the plan without reading the
/// subscriber, all such moves in one bulk write; the sender's one subscriber update records the move and discards a
/// stale row (see <see cref="BatchSender"/>). A row without a plan (SQLite) is moved by updating its subscriber, a page
/// of rows per store transaction.
/// </summary>
public sealed partial class DueScanner(
    IScheduleIndex index,
    IScanQuarantine quarantine,
    SubscriberUpdater updater,
    IStoreTransactions transactions,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<DueScanner> logger)
{
    /// <summary>How far back the first scan looks, and how much each scan overlaps the previous one.</summary>
    internal static readonly TimeSpan FirstScanLookback = TimeSpan.FromDays(1);

    internal static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>The longest span one scan reads; after a long outage successive scans catch up in steps.</summary>
    internal static readonly TimeSpan MaxSpan = TimeSpan.FromDays(7);

    /// <summary>Rows moved in one store transaction (SQLite: one commit per page instead of three per row).</summary>
    internal const int PageSize = 500;

    public Task<DueScanResult> ScanAsync(CancellationToken cancellationToken) => ScanAsync(null, cancellationToken);

    /// <summary>
    /// Scans up to <paramref name="tick"/>, the timer occurrence this scan fired for (or up to now when that is later or
    /// no tick is known). A timer that fires a few milliseconds before its tick (up to
    /// <see cref="ScanSchedule.MaxEarlyFire"/>) first waits for it on the clock, so a row due exactly at the tick is read,
    /// and is not handed to SendBatch before it is due.
    /// </summary>
    public async Task<DueScanResult> ScanAsync(DateTimeOffset? tick, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (tick is { } due && due > now && due - now <= ScanSchedule.MaxEarlyFire)
        {
            for (; now < due; now = time.GetUtcNow())
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling((due - now).TotalMilliseconds)), time, cancellationToken);
            }
        }

        var upTo = tick is { } t && t > now && t - now <= ScanSchedule.MaxEarlyFire ? t : now;
        var cursor = await index.GetScanCursorAsync(cancellationToken);
        var from = cursor is { } last ? last - Overlap : now - FirstScanLookback;
        var to = upTo - from > MaxSpan ? from + MaxSpan : upTo;
        var rows = await index.ReadDueAsync(from, to, cancellationToken);

        var scan = new PageResult(rows.Count);
        var moves = new List<ScheduleMove>();
        var unplanned = new List<ScheduleEntry>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Plan is not { } plan || !PhoneNumber.TryFromE164(row.Phone, out _, out _))
            {
                unplanned.Add(row);
                continue;
            }

            try
            {
                // The row carries the plan: the move is computed here and written in bulk below; the sender's one
                // subscriber update records it (and drops it when the subscriber moved on meanwhile).
                moves.Add(Move(row, plan, now));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await scan.FailedAsync(row, () => QuarantineIfDueAsync(row, ex, now, cancellationToken));
            }
        }

        foreach (var page in unplanned.Chunk(PageSize))
        {
            PageResult moved;
            try
            {
                // One transaction per page; each row under a savepoint, so a failing row is undone alone and counted
                // (or quarantined) in the same transaction while the rest of the page is kept.
                moved = await transactions.RunAsync(unit => MovePageAsync(page, now, unit, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The page's transaction itself failed (nothing of it was kept): move its rows one by one instead.
                LogPageFailed(ex, page.Length);
                moved = await MovePageAsync(page, now, null, cancellationToken);
            }

            scan.Add(moved);
        }

        foreach (var (move, tag) in await MoveAllAsync(
            moves, (row, ex) => scan.FailedAsync(row, () => QuarantineIfDueAsync(row, ex, now, cancellationToken)), cancellationToken))
        {
            scan.Items.Add(new NudgeItem(move.From.Phone, move.From.DueUtc)
            {
                Plan = move.From.Plan,
                NextDueUtc = move.To?.DueUtc,
                NextRowTag = tag,
            });
        }

        var items = scan.Items;
        var stale = scan.Stale;
        var quarantined = scan.Quarantined;
        var holdAt = scan.HoldAt;

        // The cursor passes every row that was handled (moved, dropped or quarantined) and stops at the earliest row
        // still being retried, never further back than it was.
        var through = to;
        if (holdAt is { } hold && hold < to)
        {
            through = cursor is { } previous && previous > hold ? previous : hold;
        }

        await index.SetScanCursorAsync(through, cancellationToken);
        // Due order (then number), whichever path moved the row, so the earliest due go in the first batches.
        var ordered = items.OrderBy(i => i.DueUtc).ThenBy(i => i.Phone, StringComparer.Ordinal);
        var batches = ordered.Chunk(options.Value.BatchSize).Select(chunk => new NudgeBatch(chunk)).ToList();
        LogScanned(rows.Count, items.Count, stale, batches.Count);
        return new DueScanResult(batches, rows.Count, items.Count) { Quarantined = quarantined };
    }

    /// <summary>Moves each row of <paramref name="page"/>, each under a savepoint of <paramref name="unit"/> when there is one.</summary>
    private async Task<PageResult> MovePageAsync(ScheduleEntry[] page, DateTimeOffset now, IStoreTransaction? unit, CancellationToken cancellationToken)
    {
        var result = new PageResult(page.Length);
        foreach (var row in page)
        {
            try
            {
                var emit = unit is null
                    ? await AdvanceAsync(row, now, cancellationToken)
                    : await unit.SavepointAsync(() => AdvanceAsync(row, now, cancellationToken), cancellationToken);
                if (emit)
                {
                    result.Items.Add(new NudgeItem(row.Phone, row.DueUtc));
                }
                else
                {
                    result.Stale++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not StoreTransactionLostException)
            {
                // Keep going: the rows already moved must still be returned, or their subscribers would miss the day.
                await result.FailedAsync(row, () => QuarantineIfDueAsync(row, ex, now, cancellationToken));
            }
        }

        return result;
    }

    /// <summary>What one page (or the whole scan) moved.</summary>
    private sealed class PageResult(int capacity)
    {
        public List<NudgeItem> Items { get; } = new(capacity);

        public int Stale { get; set; }

        public int Quarantined { get; set; }

        /// <summary>The earliest row still being retried: the cursor stops there and the next scan reads it again.</summary>
        public DateTimeOffset? HoldAt { get; private set; }

        public void Add(PageResult page)
        {
            Items.AddRange(page.Items);
            Stale += page.Stale;
            Quarantined += page.Quarantined;
            Hold(page.HoldAt);
        }

        /// <summary>A row failed: quarantined when it has failed often enough, otherwise it holds the cursor.</summary>
        public async Task FailedAsync(ScheduleEntry row, Func<Task<bool>> quarantine)
        {
            if (await quarantine())
            {
                Quarantined++;
            }
            else
            {
                Hold(row.DueUtc);
            }
        }

        private void Hold(DateTimeOffset? at) =>
            HoldAt = at is { } row && (HoldAt is not { } earlier || row < earlier) ? row : HoldAt;
    }

    /// <summary>
    /// Counts the failure of <paramref name="row"/>; at <see cref="DeliveryOptions.ScanFailuresBeforeQuarantine"/> failures
    /// the row moves to the quarantine (written there first, then removed from the index). True when it moved.
    /// </summary>
    private async Task<bool> QuarantineIfDueAsync(ScheduleEntry row, Exception failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var masked = PhoneNumber.Mask(row.Phone);
        var reason = Reason(failure, row.Phone, masked);
        var limit = options.Value.ScanFailuresBeforeQuarantine;
        try
        {
            var failures = await quarantine.RecordFailureAsync(row, reason, now, cancellationToken);
            if (failures < limit)
            {
                LogRowFailed(failure, masked, failures, limit);
                return false;
            }

            await quarantine.QuarantineAsync(row, reason, now, cancellationToken);
            await index.RemoveAsync(row, cancellationToken);
            LogRowQuarantined(masked, failures, reason);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store itself is failing: nothing is counted, the row stays and holds the cursor until it recovers.
            LogRowFailed(failure, masked, 0, limit);
            LogQuarantineUnavailable(ex);
            return false;
        }
    }

    /// <summary>The exception type and message with the full number replaced by its masked form.</summary>
    internal static string Reason(Exception failure, string phone, string masked)
    {
        var message = failure.GetType().Name + ": " + failure.Message;
        message = string.IsNullOrEmpty(phone) ? message : message.Replace(phone, masked, StringComparison.Ordinal);
        return message.Length > 500 ? message[..500] : message;
    }

    /// <summary>
    /// The move of a row that carries its plan: to the next send after this one's local date and not in the past (after
    /// an outage the missed days are skipped); a held confirmation gets no further row.
    /// </summary>
    private static ScheduleMove Move(ScheduleEntry row, SchedulePlan plan, DateTimeOffset now)
    {
        if (plan.Held)
        {
            return new ScheduleMove(row, null);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.TimeZoneId);
        var notBefore = row.DueUtc.AddSeconds(1) > now ? row.DueUtc.AddSeconds(1) : now;
        var next = SendSchedule.NextDue(zone, plan.SendAt, SendSchedule.LocalDate(zone, row.DueUtc), notBefore);
        return new ScheduleMove(row, new ScheduleEntry(row.Phone, next) { Plan = plan });
    }

    /// <summary>
    /// Writes <paramref name="moves"/> in bulk; when that fails, one move at a time, so one bad row fails (and is counted
    /// towards its quarantine) alone. Returns the moves that were written, with the tags of their new rows.
    /// </summary>
    private async Task<List<(ScheduleMove Move, string? Tag)>> MoveAllAsync(
        List<ScheduleMove> moves, Func<ScheduleEntry, Exception, Task> failed, CancellationToken cancellationToken)
    {
        if (moves.Count == 0)
        {
            return [];
        }

        try
        {
            var tags = await index.MoveManyAsync(moves, cancellationToken);
            return [.. moves.Select((move, i) => (move, i < tags.Count ? tags[i] : null))];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBulkMoveFailed(ex, moves.Count);
        }

        var written = new List<(ScheduleMove Move, string? Tag)>(moves.Count);
        foreach (var move in moves)
        {
            try
            {
                var tags = await index.MoveManyAsync([move], cancellationToken);
                written.Add((move, tags.Count > 0 ? tags[0] : null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await failed(move.From, ex);
            }
        }

        return written;
    }

    /// <summary>Moves the row to the next due instant; true when the subscriber should get this send.</summary>
    private async Task<bool> AdvanceAsync(ScheduleEntry row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryFromE164(row.Phone, out var phone, out _))
        {
            await index.RemoveAsync(row, cancellationToken);
            return false;
        }

        var emit = false;
        var stored = await updater.UpdateAsync(
            phone,
            subscriber =>
            {
                emit = false;
                if (subscriber.NextDueUtc != row.DueUtc)
                {
                    return null;
                }

                var zone = subscriber.TimeZone;
                // A pending subscriber's row is a confirmation held for quiet hours: sent once, then no row.
                emit = subscriber.Status is SubscriberStatus.Active or SubscriberStatus.Paused or SubscriberStatus.Pending;
                // The next send is after this one's local date and not in the past: after an outage the
                // missed days are skipped instead of being walked through one scan at a time.
                var notBefore = row.DueUtc.AddSeconds(1) > now ? row.DueUtc.AddSeconds(1) : now;
                DateTimeOffset? next = emit && subscriber.Status != SubscriberStatus.Pending
                    ? SendSchedule.NextDue(zone, subscriber.SendAt, SendSchedule.LocalDate(zone, row.DueUtc), notBefore)
                    : null;
                return subscriber with { NextDueUtc = next };
            },
            cancellationToken);

        if (stored is null || !emit)
        {
            // No subscriber, a stale row (the subscriber moved on), or nobody to send to: the row is garbage.
            await index.RemoveAsync(row, cancellationToken);
            return false;
        }

        return true;
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Due scan could not move the row of {Phone} (failure {Failures} of {Limit}); the next scan retries it")]
    private partial void LogRowFailed(Exception exception, string phone, int failures, int limit);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Due scan quarantined the row of {Phone} after {Failures} failures: {Reason}. Fix the data, then put it back with the admin quarantine release")]
    private partial void LogRowQuarantined(string phone, int failures, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Due scan could not count a row failure in the quarantine store")]
    private partial void LogQuarantineUnavailable(Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Due scan could not commit a page of {Rows} rows in one transaction; moving them one by one")]
    private partial void LogPageFailed(Exception exception, int rows);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Due scan could not move {Count} rows in bulk; moving them one at a time")]
    private partial void LogBulkMoveFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Due scan read {Rows} rows: {Due} due, {Stale} stale, {Batches} batches")]
    private partial void LogScanned(int rows, int due, int stale, int batches);
}

/// <summary>What a due scan found.</summary>
/// <param name="Batches">The SendBatch messages to queue.</param>
/// <param name="RowsRead">Index rows read.</param>
/// <param name="Due">Subscribers in the batches.</param>
public sealed record DueScanResult(IReadOnlyList<NudgeBatch> Batches, int RowsRead, int Due)
{
    /// <summary>Rows this scan moved to the quarantine.</summary>
    public int Quarantined { get; init; }
}
