using Reminders.Core.Delivery;

namespace Reminders.Functions.Standalone;

/// <summary>Processes the in-process queue: each batch through Core's SendBatch, retried a few times like the host would.</summary>
internal sealed partial class SendBatchWorker(NudgeQueue queue, BatchSender sender, ILogger<SendBatchWorker> logger) : BackgroundService
{
    private const int MaxAttempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ProcessAsync(batch, stoppingToken);
            }
            finally
            {
                queue.Completed();
            }
        }
    }

    private async Task ProcessAsync(NudgeBatch batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                await sender.SendAsync(batch, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Claims make a retry safe; after the last attempt the batch is dropped like a poison message.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(ex, attempt, MaxAttempts);
            }
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "SendBatch failed (attempt {Attempt} of {MaxAttempts})")]
    private partial void LogFailed(Exception exception, int attempt, int maxAttempts);
}
