using Reminders.Core.Delivery;

namespace Reminders.Functions.Standalone;

/// <summary>What the timer and the queue do in standalone mode: the same Core calls the Functions triggers make.</summary>
internal sealed partial class StandaloneJobs(DueScanner scanner, NudgeQueue queue, ILogger<StandaloneJobs> logger)
{
    /// <summary>Runs one due scan and queues its batches; returns how many subscribers were due.</summary>
    public async Task<int> RunDueScanAsync(CancellationToken cancellationToken)
    {
        var result = await scanner.ScanAsync(cancellationToken);
        foreach (var batch in result.Batches)
        {
            await queue.EnqueueAsync(batch, cancellationToken);
        }

        LogQueued(result.Due, result.Batches.Count);
        return result.Due;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Due scan queued {Due} subscribers in {Batches} batches")]
    private partial void LogQueued(int due, int batches);
}
