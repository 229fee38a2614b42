namespace Reminders.Core.Subscribers;

/// <summary>
/// Where a signup hands off its confirmation text, so that no text is sent inside the signup request: the host puts the
/// message on a queue (the <c>confirmations</c> Storage Queue under the Functions host, the in-process queue
/// standalone) and <see cref="ConfirmationSender"/> sends it later.
/// </summary>
public interface IConfirmationOutbox
{
    /// <summary>Hands off <paramref name="message"/>; it is sent (or not) later, by <see cref="ConfirmationSender"/>.</summary>
    ValueTask PostAsync(ConfirmationMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// One confirmation hand-off: the number (E.164) and the local date the signup asked the text for, which names the
/// delivery <c>{date}-confirm</c> that makes a redelivered message send nothing twice.
/// </summary>
/// <param name="Phone">The number, E.164.</param>
/// <param name="Date">The local date of the confirmation in the signup's zone (the subscriber's <c>ConfirmationSentOn</c>).</param>
public sealed record ConfirmationMessage(string Phone, DateOnly Date);
