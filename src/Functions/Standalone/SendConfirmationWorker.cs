using Reminders.Functions.Functions;

namespace Reminders.Functions.Standalone;

/// <summary>Feeds the in-process <c>confirmations</c> queue to the <see cref="SendConfirmation"/> function.</summary>
internal sealed class SendConfirmationWorker(ConfirmationQueue queue, IServiceScopeFactory scopes, HostJson hostJson, ILogger<SendConfirmationWorker> logger)
    : InProcessQueueWorker(queue, scopes, hostJson, logger)
{
    protected override string FunctionName => nameof(SendConfirmation);

    protected override async Task<bool> InvokeAsync(string text, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!ConfirmationMessages.TryDecode(text, out var message))
        {
            return false;
        }

        await ActivatorUtilities.CreateInstance<SendConfirmation>(services).RunAsync(message, cancellationToken);
        return true;
    }
}
