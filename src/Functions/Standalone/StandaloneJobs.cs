using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Delivery;
using Reminders.Functions.Functions;

namespace Reminders.Functions.Standalone;

/// <summary>What the standalone timer does: invokes the <see cref="DueScan"/> function and queues its output messages.</summary>
internal sealed partial class StandaloneJobs(IServiceScopeFactory scopes, NudgeQueue queue, ILogger<StandaloneJobs> logger)
{
    /// <summary>
    /// Runs one due scan and queues its batches as JSON text; returns how many subscribers were due. A timer passes
    /// the occurrence it fired for as <paramref name="tick"/> (and the one before as <paramref name="lastTick"/>), as
    /// the host's schedule status does.
    /// </summary>
    public async Task<int> RunDueScanAsync(
        CancellationToken cancellationToken, bool isPastDue = false, DateTimeOffset? tick = null, DateTimeOffset? lastTick = null)
    {
        NudgeBatch[] batches;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var function = ActivatorUtilities.CreateInstance<DueScan>(scope.ServiceProvider);
            var status = tick is null && lastTick is null
                ? null
                : new ScheduleStatus { Next = tick?.UtcDateTime ?? default, Last = lastTick?.UtcDateTime ?? default };
            batches = await function.RunAsync(new TimerInfo { IsPastDue = isPastDue, ScheduleStatus = status }, cancellationToken);
        }

        foreach (var batch in batches)
        {
            await queue.EnqueueAsync(BatchMessages.Encode(batch), cancellationToken);
        }

        var due = batches.Sum(b => b.Items.Count);
        LogQueued(due, batches.Length);
        return due;
    }

    /// <summary>Runs one retention sweep through the <see cref="RetentionSweep"/> function.</summary>
    public async Task RunRetentionSweepAsync(CancellationToken cancellationToken, bool isPastDue = false)
    {
        await using var scope = scopes.CreateAsyncScope();
        var function = ActivatorUtilities.CreateInstance<RetentionSweep>(scope.ServiceProvider);
        await function.RunAsync(new TimerInfo { IsPastDue = isPastDue }, cancellationToken);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Due scan queued {Due} subscribers in {Batches} messages")]
    private partial void LogQueued(int due, int batches);
}
