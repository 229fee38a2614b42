using System.Net;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

[Collection(AzuriteTests.Name)]
public sealed class TablePagingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryAsync_MoreThan1000Rows_FollowsContinuationsAndReturnsEachRowOnce()
    {
        var counter = new CountingHandler();
        var table = (await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(handlers: counter))).State;
        await LoadAsync(table, "A", 1300);
        await LoadAsync(table, "B", 1300);
        counter.Reset();

        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync(new TableQuery(), Ct))
        {
            keys.Add(entity.PartitionKey + "/" + entity.RowKey);
        }

        Assert.Equal(2600, keys.Count);
        Assert.Equal(2600, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(3, counter.Requests); // Azurite pages at 1,000: 1000 + 1000 + 600
    }

    [Fact]
    public async Task QueryPageAsync_TopAbove1000_ClampedToServiceLimit()
    {
        var handler = new ScriptedTableHandler().EnqueueJson(HttpStatusCode.OK, "{\"value\":[]}");
        var table = Scripted(handler).GetTableClient("things");

        await table.QueryPageAsync(new TableQuery(Top: 5000), null, Ct);

        Assert.Contains("$top=1000", Assert.Single(handler.Requests).Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_EmptyPageWithToken_IsFollowed()
    {
        var handler = new ScriptedTableHandler()
            .EnqueueJson(HttpStatusCode.OK, "{\"value\":[]}", ("x-ms-continuation-NextPartitionKey", "cDE="), ("x-ms-continuation-NextRowKey", "cjAwMw=="))
            .EnqueueJson(HttpStatusCode.OK, "{\"value\":[{\"PartitionKey\":\"p1\",\"RowKey\":\"r003\"}]}");
        var table = Scripted(handler).GetTableClient("things");

        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(new TableQuery(), Ct))
        {
            rows.Add(entity);
        }

        Assert.Equal("r003", Assert.Single(rows).RowKey);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("NextPartitionKey=cDE%3D&NextRowKey=cjAwMw%3D%3D", handler.Requests.Last().Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscriberListAsync_EmptyPageWithToken_KeepsReadingUntilPageIsFull()
    {
        var handler = new ScriptedTableHandler()
            .EnqueueJson(HttpStatusCode.OK, "{\"value\":[]}", ("x-ms-continuation-NextPartitionKey", "KzE1"), ("x-ms-continuation-NextRowKey", "c3Vi"))
            .EnqueueJson(HttpStatusCode.OK, "{\"value\":[" + SubscriberJson("+15550100001") + "," + SubscriberJson("+15550100002") + "]}");
        var store = new TableSubscriberStore(new TableStoreTables(Scripted(handler), "t"));

        var page = await store.ListAsync(null, 2, null, Ct);

        Assert.Equal(["+15550100001", "+15550100002"], page.Items.Select(s => s.Phone.Value));
        Assert.Null(page.ContinuationToken);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task SubscriberListAsync_1200Subscribers_PagesThroughAllInPhoneOrder()
    {
        var tables = await azurite.CreateTablesAsync(Ct);
        var store = new TableSubscriberStore(tables);
        var phones = Enumerable.Range(0, 1200).Select(i => $"+1555{i:D7}").ToList();
        await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (phone, ct) =>
        {
            var status = phone.EndsWith('7') ? SubscriberStatus.Paused : SubscriberStatus.Active;
            await store.TryInsertAsync(TableStoreTestData.Subscriber(phone, status), ct);
        });

        var big = await store.ListAsync(null, 5000, null, Ct);
        var small = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(null, 250, token, Ct);
            Assert.True(page.Items.Count <= 250);
            small.AddRange(page.Items.Select(s => s.Phone.Value));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);
        var paused = await store.ListAsync(SubscriberStatus.Paused, 1000, null, Ct);

        Assert.Equal(phones, big.Items.Select(s => s.Phone.Value));
        Assert.Null(big.ContinuationToken);
        Assert.Equal(phones, small);
        Assert.InRange(pages, 5, 6);
        Assert.Equal(120, paused.Items.Count);
        Assert.All(paused.Items, s => Assert.Equal(SubscriberStatus.Paused, s.Status));
    }

    [Fact]
    public async Task SubscriberListAsync_ForeignToken_ThrowsArgumentException()
    {
        var store = new TableSubscriberStore(new TableStoreTables(Scripted(new ScriptedTableHandler()), "t"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(null, 10, "not-a-token!", Ct));
    }

    private static async Task LoadAsync(TableClient table, string partition, int count)
    {
        var rows = Enumerable.Range(0, count).Select(i => new TableEntity(partition, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i });
        foreach (var chunk in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), Ct);
        }
    }

    private static string SubscriberJson(string phone) =>
        "{\"PartitionKey\":\"" + phone + "\",\"RowKey\":\"sub\",\"Status\":\"active\",\"TimeZoneId\":\"America/New_York\","
        + "\"SendAt\":\"08:30:00.0000000\",\"Categories\":\"[]\",\"RecentPromptIds\":\"[]\","
        + "\"CreatedAt@odata.type\":\"Edm.DateTime\",\"CreatedAt\":\"2026-03-01T00:00:00Z\","
        + "\"UpdatedAt@odata.type\":\"Edm.DateTime\",\"UpdatedAt\":\"2026-03-01T00:00:00Z\",\"odata.etag\":\"W/\\\"1\\\"\"}";

    private static TableServiceClient Scripted(ScriptedTableHandler handler) =>
        new(new HttpClient(handler), TableConnectionString.Parse("UseDevelopmentStorage=true"), TimeProvider.System);
}
