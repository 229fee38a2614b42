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
/// </summary>
public sealed partial class DueScanner(
    IScheduleIndex index,
    SubscriberUpdater updater,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<DueScanner> logger)
{
    /// <summary>How far back the first scan looks, and how much each scan overlaps the previous one.</summary>
    internal static readonly TimeSpan FirstScanLookback = TimeSpan.FromDays(1);

    internal static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>The longest span one scan reads; after a long outage successive scans catch up in steps.</summary>
    internal static readonly TimeSpan MaxSpan = TimeSpan.FromDays(7);

    public async Task<DueScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cursor = await index.GetScanCursorAsync(cancellationToken);
        var from = cursor is { } last ? last - Overlap : now - FirstScanLookback;
        var to = now - from > MaxSpan ? from + MaxSpan : now;
        var rows = await index.ReadDueAsync(from, to, cancellationToken);

        var items = new List<NudgeItem>(rows.Count);
        var stale = 0;
        var failed = 0;
        foreach (var row in rows)
        {
            try
            {
                if (await AdvanceAsync(row, now, cancellationToken))
                {
                    items.Add(new NudgeItem(row.Phone, row.DueUtc));
                }
                else
                {
                    stale++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep going: the rows already moved must still be returned, or their subscribers would miss the day.
                // This row stays where it is, and the cursor stays put, so the next scan picks it up again.
                failed++;
                LogRowFailed(ex, PhoneNumber.Mask(row.Phone));
            }
        }

        if (failed == 0)
        {
            await index.SetScanCursorAsync(to, cancellationToken);
        }
        var batches = items.Chunk(options.Value.BatchSize).Select(chunk => new NudgeBatch(chunk)).ToList();
        LogScanned(rows.Count, items.Count, stale, batches.Count);
        return new DueScanResult(batches, rows.Count, items.Count);
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

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Due scan could not move the row of {Phone}; the next scan retries it")]
    private partial void LogRowFailed(Exception exception, string phone);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Due scan read {Rows} rows: {Due} due, {Stale} stale, {Batches} batches")]
    private partial void LogScanned(int rows, int due, int stale, int batches);
}

/// <summary>What a due scan found.</summary>
/// <param name="Batches">The SendBatch messages to queue.</param>
/// <param name="RowsRead">Index rows read.</param>
/// <param name="Due">Subscribers in the batches.</param>
public sealed record DueScanResult(IReadOnlyList<NudgeBatch> Batches, int RowsRead, int Due);
