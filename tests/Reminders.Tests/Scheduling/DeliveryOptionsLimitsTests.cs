using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Sqlite;

namespace Reminders.Tests.Scheduling;

/// <summary>The pace and concurrency limits of <c>Delivery</c>, and the SQLite sync level the bulk writes rely on.</summary>
public sealed class DeliveryOptionsLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(10_000, 16, true)]
    [InlineData(0.1, 1, true)]
    [InlineData(5_000, 256, true)]
    [InlineData(10_001, 16, false)]
    [InlineData(1, 0, false)]
    [InlineData(1, 257, false)]
    public void Validate_PaceAndConcurrency_AcceptedOnlyWithinTheirRanges(double perSecond, int concurrency, bool valid)
    {
        var options = new DeliveryOptions { MaxMessagesPerSecond = perSecond, SendConcurrency = concurrency };

        var result = new DeliveryOptionsValidator().Validate(Options.DefaultName, options);

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public async Task SqliteConnections_WalWithSynchronousNormal_AndDurableOnesSyncEveryCommit()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reminders-sync-tests", Guid.NewGuid().ToString("N"));
        using var database = new SqliteDatabase(
            Options.Create(new StorageOptions { SqlitePath = Path.Combine(directory, "reminders.db") }), NullLogger<SqliteDatabase>.Instance);
        try
        {
            await using (var lease = await database.OpenAsync(Ct))
            {
                Assert.Equal("wal", await ScalarAsync(lease.Connection, "PRAGMA journal_mode;"));
                Assert.Equal("1", await ScalarAsync(lease.Connection, "PRAGMA synchronous;")); // NORMAL
            }

            await using (var durable = await database.OpenDurableAsync(Ct))
            {
                Assert.Equal("2", await ScalarAsync(durable.Connection, "PRAGMA synchronous;")); // FULL
            }

            // The pooled connection comes back at NORMAL.
            await using var again = await database.OpenAsync(Ct);
            Assert.Equal("1", await ScalarAsync(again.Connection, "PRAGMA synchronous;"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
