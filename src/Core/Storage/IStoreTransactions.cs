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

    public Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work();
    }
}
