using System.Collections.Concurrent;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// <see cref="IStoreTransactions"/> on the SQLite file: one <c>BEGIN IMMEDIATE</c> ... <c>COMMIT</c>, savepoints inside.
/// <para>
/// Group commit (<see cref="RunGroupedAsync{T}"/>): works wait in a queue; one leader at a time takes everything waiting
/// (up to <see cref="MaxGroup"/>), runs it in one transaction and completes each caller after the commit. Writers that
/// arrive while a group commits form the next group, so one commit (one lock, one WAL append) serves many writes when
/// many arrive at once, and a lone writer waits for nobody.
/// </para>
/// </summary>
internal sealed class SqliteStoreTransactions(SqliteDatabase database) : IStoreTransactions
{
    /// <summary>The most works one transaction takes, so the write gate is never held for long.</summary>
    internal const int MaxGroup = 64;

    private readonly ConcurrentQueue<GroupedWork> _waiting = new();
    private int _leading;
    private long _groups;

    /// <summary>How many group transactions have been run (for tests).</summary>
    internal long GroupsRun => Interlocked.Read(ref _groups);

    public Task<T> RunAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return database.RunInTransactionAsync<T>(unit => work(unit), cancellationToken);
    }

    public Task<T> RunGroupedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var grouped = new GroupedWork<T>(work, cancellationToken);
        _waiting.Enqueue(grouped);
        TryLead();
        return grouped.Task;
    }

    private void TryLead()
    {
        if (Interlocked.CompareExchange(ref _leading, 1, 0) != 0)
        {
            return;
        }

        // The leader runs in a clean execution context: the group's transaction is its own, not the first caller's.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(LeadAsync, CancellationToken.None);
        }
    }

    private async Task LeadAsync()
    {
        while (true)
        {
            while (!_waiting.IsEmpty)
            {
                var group = new List<GroupedWork>();
                while (group.Count < MaxGroup && _waiting.TryDequeue(out var next))
                {
                    group.Add(next);
                }

                await CommitAsync(group);
            }

            Volatile.Write(ref _leading, 0);
            // A work queued after the queue looked empty but before the flag was cleared: lead again (or another caller does).
            if (_waiting.IsEmpty || Interlocked.CompareExchange(ref _leading, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task CommitAsync(List<GroupedWork> group)
    {
        Interlocked.Increment(ref _groups);
        try
        {
            await database.RunInTransactionAsync(
                async unit =>
                {
                    foreach (var work in group)
                    {
                        // SQLite rolled the transaction back by itself: nothing more may run (it would commit on its own).
                        if (unit.IsLost)
                        {
                            throw new StoreTransactionLostException();
                        }

                        await work.RunAsync();
                    }

                    return true;
                },
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not committed: every write of the group is gone, so every caller learns it failed.
            foreach (var work in group)
            {
                work.Fail(ex);
            }

            return;
        }

        foreach (var work in group)
        {
            work.Complete();
        }
    }

    private abstract class GroupedWork
    {
        public abstract Task RunAsync();

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class GroupedWork<T>(Func<Task<T>> work, CancellationToken cancellationToken) : GroupedWork
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _done.Task;

        public override async Task RunAsync()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _error = new OperationCanceledException(cancellationToken);
                return;
            }

            try
            {
                _result = await work();
            }
            catch (Exception ex)
            {
                _error = ex; // its finished writes stay; the others of the group go on
            }
        }

        public override void Complete()
        {
            if (_error is OperationCanceledException canceled)
            {
                _done.TrySetCanceled(canceled.CancellationToken);
            }
            else if (_error is not null)
            {
                _done.TrySetException(_error);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
