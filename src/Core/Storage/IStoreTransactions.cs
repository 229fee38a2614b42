namespace Reminders.Core.Storage;

/// <summary>
/// Groups many writes of one caller into one store transaction where the store has them (SQLite: one commit for a
/// page of rows instead of one per write). A store without multi-row transactions runs the work as it is.
/// </summary>
public interface IStoreTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> as one transaction: committed when it returns, undone when it throws. The store
    /// calls inside it must run one after another (not concurrently).
    /// </summary>
    Task<T> RunAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one store transaction together with the works other callers hand in meanwhile
    /// (group commit), and returns once that transaction has committed. The works of a group run one after another; each
    /// store write inside one is atomic on its own, as outside a transaction, so a work that throws keeps the writes it
    /// finished and only its caller gets the exception. When the commit fails, or the store drops the transaction, every
    /// caller of the group gets an exception and none of the group's writes is kept. A work must not wait for another
    /// caller's work. Stores without multi-row transactions run the work at once, as it is.
    /// </summary>
    Task<T> RunGroupedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);
}

/// <summary>A running transaction of <see cref="IStoreTransactions"/>.</summary>
public interface IStoreTransaction
{
    /// <summary>Runs <paramref name="work"/> so that when it throws only its own writes are undone; then rethrows.</summary>
    Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);
}

/// <summary>
/// The running transaction is gone (the store rolled it back by itself, as SQLite does on some I/O errors): nothing
/// of it is kept, so the caller must not treat what ran inside as done.
/// </summary>
public sealed class StoreTransactionLostException : Exception
{
    public StoreTransactionLostException()
        : base("The store rolled back the running transaction.")
    {
    }

    public StoreTransactionLostException(string message)
        : base(message)
    {
    }

    public StoreTransactionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>For stores without multi-row transactions: the work runs as it is, each write on its own.</summary>
public sealed class NoStoreTransactions : IStoreTransactions, IStoreTransaction
{
    public Task<T> RunAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work(this);
    }

    public Task<T> RunGroupedAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work();
    }

    public Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work();
    }
}
