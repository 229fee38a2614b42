using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Delivery;
using Reminders.Functions.Hosting;

namespace Reminders.Functions.Functions;

/// <summary>
/// The timer (<c>%DueScanSchedule%</c>, default every five minutes): reads who is due since the last scan and emits
/// one <c>nudge-batches</c> queue message per batch. A repeated or past-due tick is harmless: the scan reads only what
/// is due since the last one, and SendBatch claims each subscriber's day.
/// </summary>
internal sealed partial class DueScan(StoreReadiness store, DueScanner scanner, ILogger<DueScan> logger)
{
    /// <summary>The schedule setting, resolved from configuration by the host and by the standalone runner.</summary>
    public const string Schedule = "%DueScanSchedule%";

    [Function(nameof(DueScan))]
    [QueueOutput(BatchMessages.QueueName)]
    public async Task<NudgeBatch[]> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await store.WaitAsync(cancellationToken);
        var result = await scanner.ScanAsync(cancellationToken);
        LogScanned(timer.IsPastDue, result.Due, result.Batches.Count, result.RowsRead);
        return [.. result.Batches];
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "DueScan (past due: {IsPastDue}): {Due} due in {Batches} batches from {RowsRead} index rows")]
    private partial void LogScanned(bool isPastDue, int due, int batches, int rowsRead);
}
