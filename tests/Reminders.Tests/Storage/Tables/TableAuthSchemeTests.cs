using System.Net;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>Both Shared Key flavours sign every kind of request the client sends in a way Azurite accepts.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableAuthSchemeTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TableAuthScheme.SharedKey)]
    [InlineData(TableAuthScheme.SharedKeyLite)]
    public async Task EveryOperation_SignedWithScheme_AcceptedByAzurite(TableAuthScheme scheme)
    {
        var client = azurite.CreateServiceClient(options: new TableClientOptions { SharedKeyScheme = scheme });
        var table = client.GetTableClient(AzuriteFixture.NewPrefix() + "Auth");

        Assert.True(await table.CreateIfNotExistsAsync(Ct));
        var etag = await table.AddEntityAsync(new TableEntity("p", "a") { ["V"] = 1 }, Ct);
        await table.UpdateEntityAsync(new TableEntity("p", "a") { ["W"] = 2 }, etag, TableUpdateMode.Merge, Ct);
        await table.UpsertEntityAsync(new TableEntity("p", "b"), TableUpdateMode.Replace, Ct);
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "c"))], Ct);
        var page = await table.QueryPageAsync(new TableQuery(TableOData.Filter($"PartitionKey eq {"p"}"), ["RowKey", "W"], 10), null, Ct);
        Assert.True(await table.DeleteEntityAsync("p", "b", TableClient.AnyETag, Ct));
        Assert.True(await client.DeleteTableAsync(table.Name, Ct));

        Assert.Equal(["a", "b", "c"], page.Items.Select(e => e.RowKey));
        Assert.Equal(2, page.Items[0].GetInt32("W"));
        Assert.False(page.Items[0].Properties.ContainsKey("V"));
    }

    [Fact]
    public async Task SasConnection_AppendsTokenToQueryAndSendsNoAuthorization()
    {
        var handler = new ScriptedTableHandler().EnqueueJson(HttpStatusCode.OK, "{\"value\":[]}");
        var connection = TableConnectionString.Parse("TableEndpoint=https://acct.table.core.windows.net;SharedAccessSignature=sv=2019-02-02&tn=things&sp=r&sig=abc%3D");
        var table = new TableServiceClient(new HttpClient(handler), connection, TimeProvider.System).GetTableClient("things");

        await table.QueryPageAsync(new TableQuery(Top: 1), null, Ct);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("https://acct.table.core.windows.net/things()?$top=1&sv=2019-02-02&tn=things&sp=r&sig=abc%3D", sent.Uri.AbsoluteUri);
        Assert.False(sent.Headers.ContainsKey("Authorization"));
    }
}
