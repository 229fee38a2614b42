using Microsoft.Data.Sqlite;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// A connection lent by <see cref="SqliteDatabase.OpenAsync"/>: its own pooled connection (closed on dispose), or the
/// connection of the transaction the caller runs inside (left open on dispose, and no second transaction on it).
/// A write lease also holds the process's write gate (see <see cref="SqliteDatabase.OpenForWriteAsync"/>) until disposed.
/// </summary>
internal readonly struct SqliteLease(SqliteConnection connection, bool owned, SemaphoreSlim? writeGate = null) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public SqliteCommand CreateCommand() => Connection.CreateCommand();

    /// <summary>A transaction of its own; inside a running transaction that is refused (SQLite transactions do not nest).</summary>
    public SqliteTransaction BeginTransaction(bool deferred) => owned
        ? Connection.BeginTransaction(deferred)
        : throw new InvalidOperationException("This SQLite write runs its own transaction and cannot join a running one.");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (owned)
            {
                await Connection.DisposeAsync();
            }
        }
        finally
        {
            writeGate?.Release();
        }
    }
}
