using Microsoft.Data.Sqlite;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// A connection lent by <see cref="SqliteDatabase.OpenAsync"/>: its own pooled connection (closed on dispose), or the
/// connection of the transaction the caller runs inside (left open on dispose, and no second transaction on it).
/// </summary>
internal readonly struct SqliteLease(SqliteConnection connection, bool owned) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public SqliteCommand CreateCommand() => Connection.CreateCommand();

    /// <summary>A transaction of its own; inside a running transaction that is refused (SQLite transactions do not nest).</summary>
    public SqliteTransaction BeginTransaction(bool deferred) => owned
        ? Connection.BeginTransaction(deferred)
        : throw new InvalidOperationException("This SQLite write runs its own transaction and cannot join a running one.");

    public ValueTask DisposeAsync() => owned ? Connection.DisposeAsync() : ValueTask.CompletedTask;
}
