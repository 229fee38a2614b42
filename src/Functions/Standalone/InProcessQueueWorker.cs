namespace Reminders.Functions.Standalone;

/// <summary>
/// Feeds an in-process queue to its queue-triggered function, as the Queue extension feeds the Storage Queue: the message
/// text is decoded into the typed message; a failed invocation is delivered again, up to <c>maxDequeueCount</c> from
/// host.json, and then logged as poison. A message that cannot be decoded cannot succeed on a retry, so it is logged as
/// poison at once. Like the host, it processes up to <see cref="HostJson.MaxConcurrentMessages"/> messages at once
/// (host.json's <c>batchSize + newBatchThreshold</c>).
/// </summary>
internal abstract partial class InProcessQueueWorker(InProcessQueue queue, IServiceScopeFactory scopes, HostJson hostJson, ILogger logger)
    : BackgroundService
{
    /// <summary>The queue-triggered function, for the logs.</summary>
    protected abstract string FunctionName { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limit = hostJson.MaxConcurrentMessages;
        using var slots = new SemaphoreSlim(limit, limit);
        try
        {
            await foreach (var message in queue.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                _ = ProcessReleasingAsync(message, slots, stoppingToken);
            }
        }
        finally
        {
            // Messages in flight finish (or stop on the stopping token) before the worker stops: every slot comes back.
            for (var i = 0; i < limit; i++)
            {
                await slots.WaitAsync(CancellationToken.None);
            }
        }
    }

    private async Task ProcessReleasingAsync(QueuedMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            if (await DeliverAsync(message, stoppingToken))
            {
                queue.Completed();
            }
            else
            {
                await queue.RedeliverAsync(message, stoppingToken);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>True when the message is finished with (done, or given up as poison); false to deliver it again.</summary>
    internal async Task<bool> DeliverAsync(QueuedMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await InvokeAsync(message.Text, scope.ServiceProvider, stoppingToken))
            {
                LogPoison(logger, FunctionName, message.DequeueCount, "the message cannot be read as the function's input");
            }

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
            LogFailed(logger, ex, FunctionName, message.DequeueCount, hostJson.MaxDequeueCount);
            if (message.DequeueCount >= hostJson.MaxDequeueCount)
            {
                LogPoison(logger, FunctionName, message.DequeueCount, "every delivery failed");
                return true;
            }

            return false;
        }
    }

    /// <summary>Decodes <paramref name="text"/> and invokes the function from <paramref name="services"/>; false when it does not decode.</summary>
    protected abstract Task<bool> InvokeAsync(string text, IServiceProvider services, CancellationToken cancellationToken);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "{Function} failed (delivery {DequeueCount} of at most {MaxDequeueCount})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, int dequeueCount, int maxDequeueCount);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "{Function} message given up as poison after {DequeueCount} deliveries: {Reason}")]
    private static partial void LogPoison(ILogger logger, string function, int dequeueCount, string reason);
}
