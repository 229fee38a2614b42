using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>The transaction of <see cref="SqliteDatabase.RunInTransactionAsync{T}"/>: one connection, with savepoints.</summary>
internal sealed class SqliteUnit(SqliteConnection connection) : IStoreTransaction
{
    private int _savepoints;

    public SqliteConnection Connection { get; } = connection;

    /// <summary>Runs <paramref name="work"/> under a savepoint: when it throws, only its writes are undone, then it rethrows.</summary>
    public async Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfLost(null);
        var name = "sp" + (++_savepoints).ToString(CultureInfo.InvariantCulture);
        await SqliteDatabase.ExecuteAsync(Connection, $"SAVEPOINT {name};", cancellationToken);
        T result;
        try
        {
            result = await work();
        }
        catch (Exception ex)
        {
            // An error that made SQLite roll the whole transaction back ends the unit: nothing before it is kept.
            ThrowIfLost(ex);
            await SqliteDatabase.ExecuteAsync(Connection, $"ROLLBACK TO {name}; RELEASE {name};", CancellationToken.None);
            throw;
        }

        await SqliteDatabase.ExecuteAsync(Connection, $"RELEASE {name};", cancellationToken);
        return result;
    }

    /// <summary>True when SQLite has rolled the transaction back by itself (the connection is in autocommit mode again).</summary>
    public bool IsLost => SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) != 0;

    private void ThrowIfLost(Exception? cause)
    {
        if (IsLost)
        {
            throw cause is null ? new StoreTransactionLostException() : new StoreTransactionLostException(cause.Message, cause);
        }
    }
}
