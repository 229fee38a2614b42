using Azure.Data.Tables;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>The due scan reads the rows that are due, not the whole index (counted on the wire against Azurite).</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableDueScanCostTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Hour = new(2026, 3, 2, 13, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadDueAsync_1000DueAmong20000_ReadsAbout1000Entities()
    {
        var counter = new CountingPolicy();
        var tables = await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(counter));
        var due = Enumerable.Range(0, 1000).Select(i => new ScheduleEntry(Phone(i), Hour.AddSeconds(i))).ToList();
        var sameHourLater = Enumerable.Range(1000, 1000).Select(i => new ScheduleEntry(Phone(i), Hour.AddMinutes(30).AddSeconds(i % 1000))).ToList();
        var otherHours = Enumerable.Range(2000, 18000).Select(i => new ScheduleEntry(Phone(i), Hour.AddHours(1 + (i % 36)).AddSeconds(i % 3600))).ToList();
        var beforeFrom = otherHours.Take(2000).Select(e => e with { DueUtc = Hour.AddHours(-1).AddSeconds(e.DueUtc.Second) }).ToList();
        await LoadAsync(tables.Schedule, [.. due, .. sameHourLater, .. otherHours.Skip(2000), .. beforeFrom]);
        counter.Reset();

        var read = await new TableScheduleIndex(tables).ReadDueAsync(Hour, Hour.AddMinutes(29).AddSeconds(59), Ct);

        Assert.Equal(due.Select(e => e.Phone), read.Select(e => e.Phone));
        Assert.InRange(counter.EntitiesReturned, 1000, 1100);
        Assert.InRange(counter.Requests, ScheduleKeys.ShardCount, 2 * ScheduleKeys.ShardCount);
    }

    private static async Task LoadAsync(TableClient table, IEnumerable<ScheduleEntry> entries)
    {
        var batches = entries
            .Select(TableScheduleIndex.ToEntity)
            .GroupBy(e => e.PartitionKey, StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(100))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct));
    }

    private static string Phone(int i) => $"+1555{i:D7}";
}
