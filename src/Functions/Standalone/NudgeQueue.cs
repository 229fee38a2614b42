using System.Threading.Channels;
using Reminders.Core.Delivery;

namespace Reminders.Functions.Standalone;

/// <summary>The in-process stand-in for the <c>nudge-batches</c> Storage Queue, used in standalone mode.</summary>
internal sealed class NudgeQueue
{
    private readonly Channel<NudgeBatch> _channel = Channel.CreateUnbounded<NudgeBatch>(new UnboundedChannelOptions { SingleReader = true });

    private readonly List<TaskCompletionSource> _waiters = [];

    private int _pending;

    /// <summary>Batches enqueued and not yet finished.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public ValueTask EnqueueAsync(NudgeBatch batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        return _channel.Writer.WriteAsync(batch, cancellationToken);
    }

    public IAsyncEnumerable<NudgeBatch> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

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

    /// <summary>Completes when every enqueued batch has been processed.</summary>
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
