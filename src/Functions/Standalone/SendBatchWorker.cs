using Reminders.Functions.Functions;

namespace Reminders.Functions.Standalone;

/// <summary>Feeds the in-process <c>nudge-batches</c> queue to the <see cref="SendBatch"/> function.</summary>
internal sealed class SendBatchWorker(NudgeQueue queue, IServiceScopeFactory scopes, HostJson hostJson, ILogger<SendBatchWorker> logger)
    : InProcessQueueWorker(queue, scopes, hostJson, logger)
{
    protected override string FunctionName => nameof(SendBatch);

    protected override async Task<bool> InvokeAsync(string text, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!BatchMessages.TryDecode(text, out var batch))
        {
            return false;
        }

        await ActivatorUtilities.CreateInstance<SendBatch>(services).RunAsync(batch, cancellationToken);
        return true;
    }
}
