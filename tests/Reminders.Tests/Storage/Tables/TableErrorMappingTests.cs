using Reminders.Core.Storage.Tables;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

[Collection(AzuriteTests.Name)]
public sealed class TableErrorMappingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetEntityIfExistsAsync_MissingTable_ThrowsTableNotFoundInsteadOfNull()
    {
        var table = azurite.CreateServiceClient().GetTableClient(AzuriteFixture.NewPrefix() + "Missing");

        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r", null, Ct));

        Assert.Equal(404, ex.Status);
        Assert.Equal(TableErrorCodes.TableNotFound, ex.ErrorCode);
    }

    [Fact]
    public async Task WrongAccountKey_Maps403FromXmlBody()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var connection = TableConnectionString.Parse($"TableEndpoint={azurite.Endpoint};AccountName=devstoreaccount1;AccountKey={wrongKey}");
        using var http = new HttpClient();
        var client = new TableServiceClient(http, connection, TimeProvider.System);

        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(() => client.CreateTableIfNotExistsAsync("forbidden", Ct));

        Assert.Equal(403, ex.Status);
        Assert.Equal(TableErrorCodes.AuthorizationFailure, ex.ErrorCode);
    }

    [Fact]
    public async Task CreateTableIfNotExistsAsync_Twice_SecondReportsExisting()
    {
        var service = azurite.CreateServiceClient();
        var name = AzuriteFixture.NewPrefix() + "Twice";

        Assert.True(await service.CreateTableIfNotExistsAsync(name, Ct));
        Assert.False(await service.CreateTableIfNotExistsAsync(name.ToUpperInvariant(), Ct));
        Assert.True(await service.DeleteTableAsync(name, Ct));
        Assert.False(await service.DeleteTableAsync(name, Ct));
    }

    [Fact]
    public async Task DeleteAndUpdate_MissingEntity_FalseAnd404()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;

        Assert.False(await table.DeleteEntityAsync("p", "missing", TableClient.AnyETag, Ct));
        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "missing"), TableClient.AnyETag, TableUpdateMode.Merge, Ct));
        Assert.Equal(404, ex.Status);
        Assert.Equal(TableErrorCodes.ResourceNotFound, ex.ErrorCode);
    }

    [Fact]
    public async Task StoreInitializer_TablesCreatedOrNot_ReachabilityFollows()
    {
        var tables = new TableStoreTables(azurite.CreateServiceClient(), AzuriteFixture.NewPrefix());
        var initializer = new TableStoreInitializer(tables, TimeProvider.System);

        var before = await initializer.IsReachableAsync(Ct);
        await initializer.InitializeAsync(Ct);
        await initializer.InitializeAsync(Ct);
        var after = await initializer.IsReachableAsync(Ct);

        Assert.False(before);
        Assert.True(after);
        Assert.Equal(tables.All.Count, (await tables.Service.ListTableNamesAsync(tables.Prefix, Ct)).Count);
    }

    [Fact]
    public async Task IsReachableAsync_ServerNeverAnswers_FalseWithinProbeBudget()
    {
        var time = new InstantDelayTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var service = new TableServiceClient(new HttpClient(new HangingHandler()), azurite.Connection, time);
        var initializer = new TableStoreInitializer(new TableStoreTables(service, "t"), time);

        Assert.False(await initializer.IsReachableAsync(Ct));
        Assert.Contains(TableStoreInitializer.ProbeBudget, time.Delays);
    }

    /// <summary>Accepts the request and waits until cancelled, like a server that never answers.</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
