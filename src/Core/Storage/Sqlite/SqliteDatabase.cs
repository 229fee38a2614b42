using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// The SQLite file behind every SQLite store: opens one pooled connection per operation (so concurrent callers
/// never share a connection), creates or migrates the schema once, and runs in WAL mode with a busy timeout so
/// writers wait for each other instead of failing.
/// </summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    /// <summary>How long a statement waits for another writer's lock before failing.</summary>
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _connectionString;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;

    public SqliteDatabase(IOptions<StorageOptions> options, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.SqlitePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("Storage:SqlitePath must name a file.", nameof(options));
        }

        FilePath = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();
        _logger = logger;
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a connection to an initialised database; the caller disposes it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    /// <summary>Creates the directory and the file, switches to WAL and applies missing migrations in order.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initializeLock.WaitAsync(cancellationToken);
        try
        {
            var directory = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = await OpenRawAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            await MigrateAsync(connection, cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <summary>Whether the file can be opened and queried; never throws for storage faults.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenRawAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1;";
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            LogUnreachable(ex, FilePath);
            return false;
        }
    }

    /// <summary>Releases the pooled connections so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initializeLock.Dispose();
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Not deferred (BEGIN IMMEDIATE): the write lock is taken before the version is read, so two instances
        // starting together migrate one after the other and the second finds nothing left to do.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var from = await GetUserVersionAsync(connection, transaction, cancellationToken);
        var target = SqliteSchema.CurrentVersion;
        if (from > target)
        {
            throw new InvalidOperationException(
                $"The SQLite store '{FilePath}' has schema version {from}, newer than this build understands ({target}).");
        }

        for (var version = from + 1; version <= target; version++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SqliteSchema.Migrations[version - 1] + $"\nPRAGMA user_version = {version};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (from < target)
        {
            LogMigrated(FilePath, from, target);
        }
    }

    private static async Task<int> GetUserVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "SQLite store {Path} migrated from schema version {From} to {To}")]
    private partial void LogMigrated(string path, int from, int to);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "SQLite store {Path} is not reachable")]
    private partial void LogUnreachable(Exception exception, string path);
}
