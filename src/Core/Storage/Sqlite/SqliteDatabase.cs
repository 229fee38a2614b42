using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// The SQLite file behind every SQLite store: opens one pooled connection per operation (so concurrent callers
/// never share a connection), creates or migrates the schema once, and runs in WAL mode with
/// <c>synchronous = NORMAL</c> and a busy timeout so writers wait for each other instead of failing.
/// <para>
/// With WAL and NORMAL a commit is not synced to disk; the WAL is synced at each checkpoint. A process crash loses
/// nothing; a power cut can lose the transactions committed since the last sync (never tear the file). Writes whose
/// loss would break a guarantee (the delivery claims) are committed with <see cref="OpenDurableAsync"/>, which
/// syncs the WAL, and with it every transaction committed before. See docs/architecture.md.
/// </para>
/// <para>
/// Inside <see cref="RunInTransactionAsync{T}"/> every store call of the same async flow uses that one connection
/// and its open transaction (see <see cref="SqliteLease"/>).
/// </para>
/// <para>
/// SQLite has one writer at a time. Writers of this process queue on an async gate (<see cref="OpenForWriteAsync"/>)
/// instead of meeting the file lock: a writer that meets it sleeps in SQLite's busy handler (1, 2, 5, 10 ms...) even
/// when the lock is free again a few microseconds later, which left concurrent sends idle. The busy timeout still
/// serialises writers of other processes on the same file.
/// </para>
/// </summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    /// <summary>How long a statement waits for another writer's lock before failing.</summary>
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _connectionString;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, ConnectionState> _configured = new();
    private readonly AsyncLocal<SqliteUnit?> _ambient = new();
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

    /// <summary>
    /// A connection to an initialised database; the caller disposes the lease. Inside
    /// <see cref="RunInTransactionAsync{T}"/> it is the transaction's connection (and disposing the lease leaves it open).
    /// </summary>
    public async Task<SqliteLease> OpenAsync(CancellationToken cancellationToken)
    {
        if (_ambient.Value is { Connection: { } shared })
        {
            return new SqliteLease(shared, owned: false);
        }

        if (!_initialized)
        {
            await InitializeAsync(cancellationToken);
        }

        return new SqliteLease(await OpenRawAsync(cancellationToken), owned: true);
    }

    /// <summary>
    /// A connection for writing, holding the process's write gate until the lease is disposed (inside
    /// <see cref="RunInTransactionAsync{T}"/>, the transaction's connection: the transaction holds the gate). Keep the
    /// lease to the write itself: no other store call may run while it is held.
    /// </summary>
    public async Task<SqliteLease> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        if (_ambient.Value is { Connection: { } shared })
        {
            return new SqliteLease(shared, owned: false);
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var lease = await OpenAsync(cancellationToken);
            return new SqliteLease(lease.Connection, owned: true, _writeGate);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    /// <summary>
    /// A write connection (<see cref="OpenForWriteAsync"/>) whose commits are synced to disk (<c>synchronous = FULL</c>)
    /// before they return, for writes a power cut must not undo. Not for use inside <see cref="RunInTransactionAsync{T}"/>.
    /// </summary>
    public async Task<SqliteLease> OpenDurableAsync(CancellationToken cancellationToken)
    {
        if (_ambient.Value is not null)
        {
            throw new InvalidOperationException("A durable write cannot join a running SQLite transaction.");
        }

        var lease = await OpenForWriteAsync(cancellationToken);
        try
        {
            // Marked first: should the PRAGMA fail half-way, the next open sets NORMAL again anyway.
            _configured.GetOrCreateValue(lease.Connection.Handle!).Durable = true;
            await ExecuteAsync(lease.Connection, "PRAGMA synchronous = FULL;", cancellationToken);
            return lease;
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one transaction (<c>BEGIN IMMEDIATE</c>): committed when it returns, rolled back
    /// when it throws. Every store call inside it (same async flow) shares the transaction; the calls must not run
    /// concurrently. <see cref="SqliteUnit.SavepointAsync{T}"/> undoes one part without losing the rest.
    /// </summary>
    public async Task<T> RunInTransactionAsync<T>(Func<SqliteUnit, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_ambient.Value is not null)
        {
            throw new InvalidOperationException("SQLite transactions do not nest; use a savepoint.");
        }

        await using var lease = await OpenForWriteAsync(cancellationToken);
        var unit = new SqliteUnit(lease.Connection);
        await ExecuteAsync(lease.Connection, "BEGIN IMMEDIATE;", cancellationToken);
        _ambient.Value = unit;
        try
        {
            var result = await work(unit);
            _ambient.Value = null;
            await ExecuteAsync(lease.Connection, "COMMIT;", cancellationToken);
            return result;
        }
        catch
        {
            _ambient.Value = null;
            // The transaction may already be gone (SQLite rolls back by itself on some errors).
            if (SQLitePCL.raw.sqlite3_get_autocommit(lease.Connection.Handle) == 0)
            {
                await ExecuteAsync(lease.Connection, "ROLLBACK;", CancellationToken.None);
            }

            throw;
        }
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
            // Once per physical connection (the pool hands the same one out again with its settings): wait for other
            // writers, and sync only at checkpoints. A connection a durable write left at FULL goes back to NORMAL.
            if (!_configured.TryGetValue(connection.Handle!, out var state))
            {
                await ExecuteAsync(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;", cancellationToken);
                _configured.AddOrUpdate(connection.Handle!, new ConnectionState());
            }
            else if (state.Durable)
            {
                await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL;", cancellationToken);
                state.Durable = false;
            }

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

    internal static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What this process has set on one physical connection.</summary>
    private sealed class ConnectionState
    {
        /// <summary>Left at <c>synchronous = FULL</c> by a durable write.</summary>
        public bool Durable { get; set; }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "SQLite store {Path} migrated from schema version {From} to {To}")]
    private partial void LogMigrated(string path, int from, int to);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "SQLite store {Path} is not reachable")]
    private partial void LogUnreachable(Exception exception, string path);
}
