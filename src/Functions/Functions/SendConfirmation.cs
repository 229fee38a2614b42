using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Subscribers;
using Reminders.Functions.Hosting;

namespace Reminders.Functions.Functions;

/// <summary>
/// The <c>confirmations</c> queue trigger: sends one confirmation a signup handed off, through Core's
/// <see cref="ConfirmationSender"/> (still pending, claimed as <c>{date}-confirm</c>, within the per-number cap). A storage
/// failure throws, so the host makes the message visible again and after <c>maxDequeueCount</c> deliveries moves it to
/// <c>confirmations-poison</c>; the claim keeps a redelivery from texting twice. A malformed message is logged as poison
/// and completed, not retried.
/// </summary>
internal sealed partial class SendConfirmation(StoreReadiness store, ConfirmationSender sender, ILogger<SendConfirmation> logger)
{
    [Function(nameof(SendConfirmation))]
    public async Task<ConfirmationOutcome> RunAsync(
        [QueueTrigger(ConfirmationMessages.QueueName)] ConfirmationMessage? message, CancellationToken cancellationToken)
    {
        if (!ConfirmationMessages.IsWellFormed(message))
        {
            LogMalformed();
            return ConfirmationOutcome.Malformed;
        }

        await store.WaitAsync(cancellationToken);
        return await sender.SendAsync(message, cancellationToken);
    }

    [LoggerMessage(EventId = 4321, Level = LogLevel.Error, Message = "SendConfirmation: the message is not a confirmation (a phone and a date); dropped as poison, nothing sent")]
    private partial void LogMalformed();
}
