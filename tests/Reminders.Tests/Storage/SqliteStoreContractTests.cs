using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Sqlite;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>The store contract on a fresh SQLite file per test, plus what only SQLite has (schema versions, the file).</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"));
    private readonly List<ServiceProvider> _providers = [];

    private string DatabasePath => Path.Combine(_directory, "store", "reminders.db");

    protected override async Task<StoreSet> CreateStoresAsync()
    {
        var stores = BuildStores(DatabasePath);
        await stores.Initializer.InitializeAsync(Ct);
        return stores;
    }

    protected override async ValueTask DisposeStoresAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync(); // clears the connection pool so the file is closed
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task InitializeAsync_NewFileInMissingDirectory_CreatesFileAtCurrentSchemaVersionInWalMode()
    {
        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(SqliteSchema.CurrentVersion, await ScalarAsync<long>(DatabasePath, "PRAGMA user_version;"));
        Assert.Equal("wal", await ScalarAsync<string>(DatabasePath, "PRAGMA journal_mode;"));
        Assert.True(SqliteSchema.CurrentVersion >= 1);
    }

    [Fact]
    public async Task InitializeAsync_ExistingFileOpenedByAnotherInstance_KeepsDataAndVersion()
    {
        var subscriber = FullSubscriber("+15550100001");
        await Stores.Subscribers.TryInsertAsync(subscriber, Ct);
        await Stores.Prompts.MarkSeededAsync(["hug-20s"], Ct);

        var reopened = BuildStores(DatabasePath);
        await reopened.Initializer.InitializeAsync(Ct);
        await reopened.Initializer.InitializeAsync(Ct);

        Assert.Equal(subscriber, (await reopened.Subscribers.GetAsync(subscriber.Phone, Ct))?.Value);
        Assert.Equal(["hug-20s"], await reopened.Prompts.GetSeededIdsAsync(Ct));
        Assert.Equal(SqliteSchema.CurrentVersion, await ScalarAsync<long>(DatabasePath, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task InitializeAsync_TwoInstancesOnNewFileAtOnce_BothSucceedAndSchemaIsCreatedOnce()
    {
        var path = Path.Combine(_directory, "race", "reminders.db");
        var first = BuildStores(path);
        var second = BuildStores(path);

        await Task.WhenAll(first.Initializer.InitializeAsync(Ct), second.Initializer.InitializeAsync(Ct));

        Assert.Equal(SqliteSchema.CurrentVersion, await ScalarAsync<long>(path, "PRAGMA user_version;"));
        Assert.NotNull(await first.Subscribers.TryInsertAsync(NewSubscriber("+15550100001"), Ct));
        Assert.Null(await second.Subscribers.TryInsertAsync(NewSubscriber("+15550100001"), Ct));
    }

    [Fact]
    public async Task StoreCall_WithoutExplicitInitialize_CreatesSchemaFirst()
    {
        var path = Path.Combine(_directory, "lazy", "reminders.db");
        var stores = BuildStores(path);

        var missing = await stores.Subscribers.GetAsync(PhoneNumber.FromE164("+15550100001"), Ct);

        Assert.Null(missing);
        Assert.Equal(SqliteSchema.CurrentVersion, await ScalarAsync<long>(path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task InitializeAsync_FileFromNewerBuild_ThrowsAndLeavesVersion()
    {
        var path = Path.Combine(_directory, "newer", "reminders.db");
        var newer = SqliteSchema.CurrentVersion + 1;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await ScalarAsync<long>(path, $"PRAGMA user_version = {newer}; SELECT 0;");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BuildStores(path).Initializer.InitializeAsync(Ct));

        Assert.Contains($"schema version {newer}", error.Message, StringComparison.Ordinal);
        Assert.Equal(newer, await ScalarAsync<long>(path, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task IsReachableAsync_FileCannotBeOpened_ReturnsFalse()
    {
        var notADirectory = Path.Combine(_directory, "plain-file");
        await File.WriteAllTextAsync(notADirectory, "x", Ct);
        using var database = new SqliteDatabase(
            Options.Create(new StorageOptions { SqlitePath = Path.Combine(notADirectory, "reminders.db") }),
            NullLogger<SqliteDatabase>.Instance);

        Assert.False(await database.IsReachableAsync(Ct));
    }

    [Fact]
    public void Constructor_RelativePath_ResolvesUnderCurrentDirectory()
    {
        using var database = new SqliteDatabase(
            Options.Create(new StorageOptions { SqlitePath = Path.Combine("data", "reminders.db") }),
            NullLogger<SqliteDatabase>.Instance);

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data", "reminders.db"), database.FilePath);
    }

    /// <summary>Builds the stores the way the app does, through <c>AddSqliteStores</c>.</summary>
    private StoreSet BuildStores(string path)
    {
        var services = new ServiceCollection();
        services.AddSqliteStores();
        services.Configure<StorageOptions>(options => options.SqlitePath = path);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _providers.Add(provider);
        return new StoreSet(
            provider.GetRequiredService<ISubscriberStore>(),
            provider.GetRequiredService<IScheduleIndex>(),
            provider.GetRequiredService<IDeliveryStore>(),
            provider.GetRequiredService<IPromptStore>(),
            provider.GetRequiredService<IConsentLog>(),
            provider.GetRequiredService<IMessageLog>(),
            provider.GetRequiredService<IStoreInitializer>())
        {
            Inbound = provider.GetRequiredService<IInboundLog>(),
        };
    }

    /// <summary>Runs SQL on a private, unpooled connection, so the test looks at the file, not through the store.</summary>
    private static async Task<T> ScalarAsync<T>(string path, string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
