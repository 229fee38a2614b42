using Reminders.Core.Subscribers;

namespace Reminders.Functions.Http.Subscriptions;

/// <summary>
/// The <see cref="IConfirmationOutbox"/> of one SignUp invocation: keeps the message for the function's queue output
/// (<see cref="Functions.SignUpOutput.Confirmation"/>), so nothing leaves before the function returns.
/// </summary>
internal sealed class ConfirmationHandOff : IConfirmationOutbox
{
    public ConfirmationMessage? Message { get; private set; }

    public ValueTask PostAsync(ConfirmationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Message is not null)
        {
            throw new InvalidOperationException("A signup hands off at most one confirmation.");
        }

        Message = message;
        return ValueTask.CompletedTask;
    }
}
