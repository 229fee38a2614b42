using Azure;
using Azure.Data.Tables;
using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

[Collection(AzuriteTests.Name)]
public sealed class TableConcurrencyTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryClaimAsync_TwoInstancesRacing_ExactlyOneWins()
    {
        var tables = await azurite.CreateTablesAsync(Ct);
        var first = new TableDeliveryStore(tables);
        var second = new TableDeliveryStore(new TableStoreTables(azurite.CreateServiceClient(), tables.Prefix));
        var phone = PhoneNumber.FromE164("+15550100001");
        var date = new DateOnly(2026, 3, 1);
        DeliveryRecord Claim(string prompt) => new(phone, DeliveryRecord.DailyKey(date), date, prompt, DeliveryStatus.Claimed, At, At);

        var results = await Task.WhenAll(
            Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? first : second).TryClaimAsync(Claim($"p{i}"), Ct)));

        Assert.Equal(1, results.Count(won => won));
        var stored = await first.GetAsync(phone, DeliveryRecord.DailyKey(date), Ct);
        Assert.Equal($"p{Array.IndexOf(results, true)}", stored!.PromptId);
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_Throws412UpdateConditionNotSatisfied()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        var stale = (await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }, Ct)).Headers.ETag!.Value;
        var fresh = (await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, stale, TableUpdateMode.Replace, Ct)).Headers.ETag;

        var ex = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, stale, TableUpdateMode.Merge, Ct));

        Assert.Equal(412, ex.Status);
        Assert.Equal("UpdateConditionNotSatisfied", ex.ErrorCode);
        Assert.NotEqual(stale, fresh);
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "r", cancellationToken: Ct)).Value.GetInt32("V"));
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_Throws412AndKeepsEntity()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        var stale = (await table.AddEntityAsync(new TableEntity("p", "r"), Ct)).Headers.ETag!.Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, TableUpdateMode.Replace, Ct);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale, Ct));

        Assert.Equal(412, ex.Status);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "r", cancellationToken: Ct)).HasValue);
    }

    [Fact]
    public async Task SubscriberTryReplaceAsync_StaleETag_ReturnsNullAndKeepsWinner()
    {
        var store = new TableSubscriberStore(await azurite.CreateTablesAsync(Ct));
        var original = TableStoreTestData.Subscriber("+15550100002");
        var etag = (await store.TryInsertAsync(original, Ct))!;

        var winner = await store.TryReplaceAsync(original with { Name = "First" }, etag, Ct);
        var loser = await store.TryReplaceAsync(original with { Name = "Second" }, etag, Ct);

        Assert.NotNull(winner);
        Assert.Null(loser);
        Assert.Equal("First", (await store.GetAsync(original.Phone, Ct))!.Value.Name);
    }

    [Fact]
    public async Task PromptTryReplaceAndDelete_StaleETag_Refused()
    {
        var store = new TablePromptStore(await azurite.CreateTablesAsync(Ct));
        var prompt = new Prompt("hug-20s", "Hug for 20 seconds.", "touch", "partner", "Touch releases oxytocin.", "admin");
        var stale = (await store.TryInsertAsync(prompt, Ct))!;
        var fresh = (await store.TryReplaceAsync(prompt with { Text = "Hug for 30 seconds." }, stale, Ct))!;

        Assert.Null(await store.TryReplaceAsync(prompt with { Text = "Lost update" }, stale, Ct));
        Assert.False(await store.TryDeleteAsync(prompt.Id, stale, Ct));
        Assert.True(await store.TryDeleteAsync(prompt.Id, fresh, Ct));
        Assert.False(await store.TryDeleteAsync(prompt.Id, null, Ct));
    }
}
