namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IStoreTransactions"/> on the SQLite file: one <c>BEGIN IMMEDIATE</c> ... <c>COMMIT</c>, savepoints inside.</summary>
internal sealed class SqliteStoreTransactions(SqliteDatabase database) : IStoreTransactions
{
    public Task<T> RunAsync<T>(Func<IStoreTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return database.RunInTransactionAsync<T>(unit => work(unit), cancellationToken);
    }
}
