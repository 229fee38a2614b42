using Reminders.Functions.Functions;

namespace Reminders.Functions.Standalone;

/// <summary>
/// Feeds the in-process queue to the <see cref="SendBatch"/> function, as the Queue extension feeds the Storage Queue:
/// the message text is decoded into the typed batch; a failed invocation is delivered again, up to
/// <c>maxDequeueCount</c> from host.json, and then logged as poison. A message that is not a batch cannot succeed on
/// a retry, so it is logged as poison at once.
/// </summary>
internal sealed partial class SendBatchWorker(NudgeQueue queue, IServiceScopeFactory scopes, HostJson hostJson, ILogger<SendBatchWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in queue.ReadAllAsync(stoppingToken))
        {
            if (!await DeliverAsync(message, stoppingToken))
            {
                await queue.RedeliverAsync(message, stoppingToken);
                continue;
            }

            queue.Completed();
        }
    }

    /// <summary>True when the message is finished with (sent, or given up as poison); false to deliver it again.</summary>
    internal async Task<bool> DeliverAsync(QueuedMessage message, CancellationToken stoppingToken)
    {
        if (!BatchMessages.TryDecode(message.Text, out var batch))
        {
            LogPoison(message.DequeueCount, "the message is not a batch");
            return true;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await ActivatorUtilities.CreateInstance<SendBatch>(scope.ServiceProvider).RunAsync(batch, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Claims make a redelivery safe; after the last one the message is given up as poison.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(ex, message.DequeueCount, hostJson.MaxDequeueCount);
            if (message.DequeueCount >= hostJson.MaxDequeueCount)
            {
                LogPoison(message.DequeueCount, "every delivery failed");
                return true;
            }

            return false;
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "SendBatch failed (delivery {DequeueCount} of at most {MaxDequeueCount})")]
    private partial void LogFailed(Exception exception, int dequeueCount, int maxDequeueCount);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "SendBatch message given up as poison after {DequeueCount} deliveries: {Reason}")]
    private partial void LogPoison(int dequeueCount, string reason);
}
