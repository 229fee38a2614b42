using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Functions.Hosting;

namespace Reminders.Functions.Functions;

/// <summary>
/// The timer (<c>%DueScanSchedule%</c>, default every five minutes): reads who is due since the last scan and emits
/// one <c>nudge-batches</c> queue message per batch. A repeated or past-due tick is harmless: the scan reads only what
/// is due since the last one, and SendBatch claims each subscriber's day.
/// </summary>
internal sealed partial class DueScan(StoreReadiness store, DueScanner scanner, TimeProvider time, ILogger<DueScan> logger)
{
    /// <summary>The schedule setting, resolved from configuration by the host and by the standalone runner.</summary>
    public const string Schedule = "%DueScanSchedule%";

    [Function(nameof(DueScan))]
    [QueueOutput(BatchMessages.QueueName)]
    public async Task<NudgeBatch[]> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await store.WaitAsync(cancellationToken);
        // The scan reads up to the tick this call fired for, not the clock: a timer that fires early misses nothing.
        var status = timer.ScheduleStatus;
        var tick = ScanSchedule.TickFiredFor(Utc(status?.Last), Utc(status?.Next), time.GetUtcNow());
        var result = await scanner.ScanAsync(tick, cancellationToken);
        LogScanned(timer.IsPastDue, result.Due, result.Batches.Count, result.RowsRead);
        return [.. result.Batches];
    }

    /// <summary>
    /// A schedule status time as UTC. The host computes occurrences in its own time zone (UTC on Azure unless
    /// WEBSITE_TIME_ZONE is set); an unspecified kind is taken as UTC. A wrong guess is more than
    /// <see cref="ScanSchedule.MaxEarlyFire"/> away and is ignored by the scan.
    /// </summary>
    private static DateTimeOffset? Utc(DateTime? value) => value is not { } at || at == default
        ? null
        : at.Kind switch
        {
            DateTimeKind.Local => new DateTimeOffset(at.ToUniversalTime(), TimeSpan.Zero),
            _ => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc), TimeSpan.Zero),
        };

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "DueScan (past due: {IsPastDue}): {Due} due in {Batches} batches from {RowsRead} index rows")]
    private partial void LogScanned(bool isPastDue, int due, int batches, int rowsRead);
}
