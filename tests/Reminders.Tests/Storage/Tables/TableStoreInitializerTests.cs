using Azure.Data.Tables;
using Reminders.Core.Storage.Tables;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

public sealed class TableStoreInitializerTests
{
    [Fact]
    public async Task IsReachableAsync_NothingListening_ReturnsFalse()
    {
        var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};"
            + $"TableEndpoint=http://127.0.0.1:1/{AzuriteFixture.AccountName};";
        var tables = new TableStoreTables(new TableServiceClient(connection, AzuriteFixture.ClientOptions()), "t");

        Assert.False(await new TableStoreInitializer(tables, TimeProvider.System).IsReachableAsync(TestContext.Current.CancellationToken));
    }
}
