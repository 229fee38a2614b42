using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

[Collection(AzuriteTests.Name)]
public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitTransactionAsync_101Operations_RejectedBeforeSending()
    {
        var (table, counter) = Counted();
        var actions = Enumerable.Range(0, 101).Select(i => Add("pk", $"r{i}"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions, Ct));

        Assert.Contains("100", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Requests);
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedPartitions_RejectedBeforeSending()
    {
        var (table, counter) = Counted();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Add("a", "1"), Add("b", "1")], Ct));

        Assert.Contains("PartitionKey", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Requests);
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameRowTwiceOrEmpty_RejectedBeforeSending()
    {
        var (table, counter) = Counted();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Add("a", "1"), Add("a", "1")], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([], Ct));
        Assert.Equal(0, counter.Requests);
    }

    [Fact]
    public async Task SubmitTransactionAsync_100MixedOperations_AllAppliedInOneRequest()
    {
        var counter = new CountingHandler();
        var table = (await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(handlers: counter))).State;
        await table.AddEntityAsync(new TableEntity("pk", "replace-me") { ["V"] = 0 }, Ct);
        await table.AddEntityAsync(new TableEntity("pk", "merge-me") { ["Keep"] = "yes" }, Ct);
        await table.AddEntityAsync(new TableEntity("pk", "delete-me"), Ct);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, new TableEntity("pk", "replace-me") { ["V"] = 1 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("pk", "merge-me") { ["Added"] = 2L }),
            new(TableTransactionActionType.Delete, new TableEntity("pk", "delete-me")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("pk", "upsert-merge") { ["V"] = 3 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("pk", "upsert-replace") { ["V"] = 4 }),
        };
        actions.AddRange(Enumerable.Range(0, 95).Select(i => Add("pk", $"new{i:D2}")));
        counter.Reset();

        var results = await table.SubmitTransactionAsync(actions, Ct);

        Assert.Equal(1, counter.Requests);
        Assert.Equal(100, results.Count);
        Assert.All(results, r => Assert.InRange(r.Status, 200, 299));
        Assert.Equal(1, (await table.GetEntityAsync("pk", "replace-me", Ct)).GetInt32("V"));
        var merged = await table.GetEntityAsync("pk", "merge-me", Ct);
        Assert.Equal("yes", merged.GetString("Keep"));
        Assert.Equal(2L, merged.GetInt64("Added"));
        Assert.Null(await table.GetEntityIfExistsAsync("pk", "delete-me", null, Ct));
        Assert.NotNull(await table.GetEntityIfExistsAsync("pk", "new94", null, Ct));
    }

    [Fact]
    public async Task SubmitTransactionAsync_OneOperationFails_NothingAppliedAndIndexReported()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        await table.AddEntityAsync(new TableEntity("pk", "exists"), Ct);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => table.SubmitTransactionAsync([Add("pk", "new1"), Add("pk", "exists"), Add("pk", "new2")], Ct));

        Assert.Equal(409, ex.Status);
        Assert.Equal(TableErrorCodes.EntityAlreadyExists, ex.ErrorCode);
        Assert.Equal(1, ex.FailedIndex);
        Assert.Null(await table.GetEntityIfExistsAsync("pk", "new1", null, Ct));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_FailsWith412()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        var stale = await table.AddEntityAsync(new TableEntity("pk", "row") { ["V"] = 1 }, Ct);
        await table.UpsertEntityAsync(new TableEntity("pk", "row") { ["V"] = 2 }, TableUpdateMode.Replace, Ct);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("pk", "row") { ["V"] = 3 }, stale)], Ct));

        Assert.Equal(412, ex.Status);
        Assert.Equal(2, (await table.GetEntityAsync("pk", "row", Ct)).GetInt32("V"));
    }

    private (TableClient Table, CountingHandler Counter) Counted()
    {
        var counter = new CountingHandler();
        return (azurite.CreateServiceClient(handlers: counter).GetTableClient("neverused"), counter);
    }

    private static TableTransactionAction Add(string partitionKey, string rowKey) =>
        new(TableTransactionActionType.Add, new TableEntity(partitionKey, rowKey) { ["V"] = 1 });
}
