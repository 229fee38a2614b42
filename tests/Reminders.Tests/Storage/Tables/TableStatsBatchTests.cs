using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>What batched stats cost on the wire when batches race on the same day's counter rows.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableStatsBatchTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 6, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IncrementManyAsync_FourBatchesRaceOnOneDay_RetryTheTransactionNotEachEvent()
    {
        var counter = new CountingPolicy();
        var stats = new TableStatsStore(await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(counter)));
        var batches = Enumerable.Range(0, 4)
            .Select(b => Enumerable.Range(0, 50).Select(i => new StatIncrement(Day, $"p{i % 5}", StatCounter.Sent, $"b{b}-e{i}")).ToList())
            .ToList();
        counter.Reset();

        await Task.WhenAll(batches.Select(batch => stats.IncrementManyAsync(batch, Ct)));

        Assert.Equal(Enumerable.Repeat(40, 5), (await stats.ReadAsync(Day, Day, Ct)).Select(r => r.Sent));
        // Each batch: one query and one transaction, plus one query and one transaction per lost race (at most 3 each).
        // Counting event by event instead would cost at least 2 per event (400).
        Assert.InRange(counter.Requests - 1, 8, 8 + (2 * 6));
    }
}
