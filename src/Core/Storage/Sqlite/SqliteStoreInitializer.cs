namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IStoreInitializer"/>: creates or migrates the schema; the probe runs <c>SELECT 1</c>.</summary>
internal sealed class SqliteStoreInitializer(SqliteDatabase database) : IStoreInitializer
{
    public Task InitializeAsync(CancellationToken cancellationToken) => database.InitializeAsync(cancellationToken);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => database.IsReachableAsync(cancellationToken);
}
