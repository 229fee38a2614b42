using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Retention;
using Reminders.Functions.Hosting;

namespace Reminders.Functions.Functions;

/// <summary>
/// The timer (<c>%RetentionSweepSchedule%</c>, default daily at 03:30 UTC): deletes the inbound de-duplication records
/// and daily markers older than <c>Retention:InboundDays</c> and empties message bodies older than
/// <c>Retention:MessageBodyDays</c>. A repeated or overlapping tick finds less or nothing to do.
/// </summary>
internal sealed partial class RetentionSweep(StoreReadiness store, RetentionSweeper sweeper, ILogger<RetentionSweep> logger)
{
    /// <summary>The schedule setting, resolved from configuration by the host and by the standalone runner.</summary>
    public const string Schedule = "%" + RetentionOptions.ScheduleSetting + "%";

    [Function(nameof(RetentionSweep))]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await store.WaitAsync(cancellationToken);
        var result = await sweeper.SweepAsync(cancellationToken);
        LogSwept(timer.IsPastDue, result.RecordsDeleted, result.BodiesStripped);
    }

    [LoggerMessage(EventId = 4331, Level = LogLevel.Information, Message = "RetentionSweep (past due: {IsPastDue}): {Deleted} records deleted, {Stripped} bodies emptied")]
    private partial void LogSwept(bool isPastDue, int deleted, int stripped);
}
