using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Sqlite;

namespace Reminders.Tests.Storage;

/// <summary>The admin store contract on a fresh SQLite file per test, registered the way the app does.</summary>
public sealed class SqliteAdminStoreContractTests : AdminStoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider? _provider;

    protected override async Task<(IPromptChangeLog ChangeLog, IStatsStore Stats)> CreateStoresAsync()
    {
        _provider = Build(Path.Combine(_directory, "reminders.db"));
        await _provider.GetRequiredService<IStoreInitializer>().InitializeAsync(Ct);
        return (_provider.GetRequiredService<IPromptChangeLog>(), _provider.GetRequiredService<IStatsStore>());
    }

    [Fact]
    public async Task InitializeAsync_FileAtSchemaVersion1_MigratesAndKeepsItsPrompts()
    {
        var path = Path.Combine(_directory, "v1", "reminders.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0]
                + "\nPRAGMA user_version = 1;"
                + "\nINSERT INTO prompts VALUES ('touch-hug', 'Hug.', 'touch', 'anyone', 'Why.', 'admin', 1, 'e1');";
            await command.ExecuteNonQueryAsync(Ct);
        }

        await using var provider = Build(path);
        await provider.GetRequiredService<IStoreInitializer>().InitializeAsync(Ct);
        var stats = provider.GetRequiredService<IStatsStore>();
        await stats.IncrementAsync(new DateOnly(2026, 3, 1), "touch-hug", StatCounter.Sent, Guid.NewGuid().ToString("N"), Ct);

        Assert.Equal(8, SqliteSchema.CurrentVersion); // 8: the retention indexes
        Assert.Equal("Hug.", (await provider.GetRequiredService<IPromptStore>().GetAsync("touch-hug", Ct))?.Value.Text);
        Assert.True(await stats.WasEverSentAsync("touch-hug", Ct));
        Assert.Empty(await provider.GetRequiredService<IPromptChangeLog>().ListAsync("touch-hug", Ct));
    }

    private static ServiceProvider Build(string path)
    {
        var services = new ServiceCollection();
        services.AddSqliteStores();
        services.Configure<StorageOptions>(options => options.SqlitePath = path);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    protected override async ValueTask DisposeStoresAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
