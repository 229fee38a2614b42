using System.Collections.Concurrent;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// The confirmation queue for tests that drive Core directly: keeps what a signup hands off, and sends it only when
/// <see cref="DeliverAsync"/> runs <see cref="ConfirmationSender"/> on it, as the queue worker would.
/// </summary>
internal sealed class QueuedConfirmations : IConfirmationOutbox
{
    private readonly ConcurrentQueue<ConfirmationMessage> _messages = new();

    public IReadOnlyCollection<ConfirmationMessage> Pending => _messages;

    public ValueTask PostAsync(ConfirmationMessage message, CancellationToken cancellationToken)
    {
        _messages.Enqueue(message);
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends every message handed off so far, oldest first; returns what the sender did with each.</summary>
    public async Task<IReadOnlyList<ConfirmationOutcome>> DeliverAsync(ConfirmationSender sender, CancellationToken cancellationToken)
    {
        var outcomes = new List<ConfirmationOutcome>();
        while (_messages.TryDequeue(out var message))
        {
            outcomes.Add(await sender.SendAsync(message, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>A signup through <see cref="SubscriptionService"/>, then the queue worker's turn: what the app does end to end.</summary>
    public static async Task<SignupResult> SignUpAndDeliverAsync(
        SubscriptionService subscriptions, ConfirmationSender sender, SignupRequest request, CancellationToken cancellationToken)
    {
        var queue = new QueuedConfirmations();
        var result = await subscriptions.SignUpAsync(request, queue, cancellationToken);
        await queue.DeliverAsync(sender, cancellationToken);
        return result;
    }
}
