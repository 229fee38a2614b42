using System.Threading.Channels;

namespace Reminders.Functions.Standalone;

/// <summary>One message on the in-process queue: its JSON text and how many times it has been handed out.</summary>
internal sealed record QueuedMessage(string Text, int DequeueCount);

/// <summary>
/// The in-process stand-in for one Storage Queue, used in standalone mode. It carries the same JSON text the Storage
/// Queue would, and takes back a failed message for redelivery (see <see cref="InProcessQueueWorker"/>).
/// </summary>
/// <param name="name">The Storage Queue it stands in for (a <c>[QueueOutput]</c>/<c>[QueueTrigger]</c> queue name).</param>
internal abstract class InProcessQueue(string name)
{
    private readonly Channel<QueuedMessage> _channel = Channel.CreateUnbounded<QueuedMessage>(new UnboundedChannelOptions { SingleReader = true });

    private readonly List<TaskCompletionSource> _waiters = [];

    private int _pending;

    /// <summary>The queue name of the attributes, so the standalone runner finds the queue of a <c>[QueueOutput]</c>.</summary>
    public string Name => name;

    /// <summary>Messages enqueued and not yet finished (completed or given up as poison).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public ValueTask EnqueueAsync(string text, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        return _channel.Writer.WriteAsync(new QueuedMessage(text, 0), cancellationToken);
    }

    /// <summary>Hands a message out again, as the Storage Queue does when its visibility timeout ends; still pending.</summary>
    public ValueTask RedeliverAsync(QueuedMessage message, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(message, cancellationToken);

    /// <summary>Each read counts as a delivery (<see cref="QueuedMessage.DequeueCount"/> starts at 1).</summary>
    public async IAsyncEnumerable<QueuedMessage> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return message with { DequeueCount = message.DequeueCount + 1 };
        }
    }

    public void Completed()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            lock (_waiters)
            {
                foreach (var waiter in _waiters)
                {
                    waiter.TrySetResult();
                }

                _waiters.Clear();
            }
        }
    }

    /// <summary>Completes when every enqueued message has been processed.</summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        lock (_waiters)
        {
            if (Pending == 0)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(waiter);
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    public void Close() => _channel.Writer.TryComplete();
}

/// <summary>The in-process <c>nudge-batches</c> queue: DueScan's batches for <see cref="SendBatchWorker"/>.</summary>
internal sealed class NudgeQueue() : InProcessQueue(Functions.BatchMessages.QueueName);

/// <summary>The in-process <c>confirmations</c> queue: SignUp's hand-offs for <see cref="SendConfirmationWorker"/>.</summary>
internal sealed class ConfirmationQueue() : InProcessQueue(Functions.ConfirmationMessages.QueueName);
