using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

[Collection(AzuriteTests.Name)]
public sealed class TableEntityRoundTripTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddThenGet_EveryPropertyType_RoundTripsExactly()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("tenant-a", "alice")
        {
            ["Name"] = "Alice O'Neil",
            ["Small"] = 42,
            ["Count"] = 9007199254740993L,
            ["Score"] = 2.0,
            ["Active"] = true,
            ["Created"] = created,
            ["Id"] = id,
            ["Blob"] = new byte[] { 1, 2, 3, 255 },
        };

        var etag = await table.AddEntityAsync(entity, Ct);
        var read = await table.GetEntityIfExistsAsync("tenant-a", "alice", null, Ct);

        Assert.NotNull(read);
        Assert.StartsWith("W/\"datetime'", etag, StringComparison.Ordinal);
        Assert.Equal(etag, read.ETag);
        Assert.Equal("Alice O'Neil", read.GetString("Name"));
        Assert.Equal(42, read.GetInt32("Small"));
        Assert.Equal(9007199254740993L, read.GetInt64("Count"));
        Assert.IsType<double>(read["Score"]);
        Assert.Equal(2.0, read.GetDouble("Score"));
        Assert.True(read.GetBoolean("Active"));
        Assert.Equal(created, read.GetDateTimeOffset("Created"));
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal([1, 2, 3, 255], read.GetBinary("Blob"));
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task Query_MinimalMetadata_ReturnsTypedValuesAndPerEntityETags()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["Count"] = long.MaxValue }, Ct);

        var page = await table.QueryPageAsync(new TableQuery(TableOData.Filter($"PartitionKey eq {"p"}")), null, Ct);

        var row = Assert.Single(page.Items);
        Assert.Equal(long.MaxValue, row["Count"]);
        Assert.Equal(etag, row.ETag);
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task SettingNull_RemovesProperty_SoItIsAbsentAfterReplace()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        var entity = new TableEntity("p", "r") { ["Name"] = "x", ["Note"] = "gone soon" };
        await table.AddEntityAsync(entity, Ct);

        entity["Note"] = null;
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, Ct);
        var read = await table.GetEntityAsync("p", "r", Ct);

        Assert.False(read.Properties.ContainsKey("Note"));
        Assert.Equal("x", read.GetString("Name"));
    }

    [Fact]
    public async Task UpsertMerge_AddsPropertiesAndKeepsOthers()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        await table.UpsertEntityAsync(new TableEntity("p", "bob") { ["Name"] = "Bob" }, TableUpdateMode.Replace, Ct);

        await table.UpsertEntityAsync(new TableEntity("p", "bob") { ["Extra"] = "x" }, TableUpdateMode.Merge, Ct);
        var read = await table.GetEntityAsync("p", "bob", Ct);

        Assert.Equal("Bob", read.GetString("Name"));
        Assert.Equal("x", read.GetString("Extra"));
    }

    [Theory]
    [InlineData("has-dash")]
    [InlineData("1digit")]
    [InlineData("PartitionKey")]
    public void Indexer_InvalidPropertyName_Throws(string name)
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity[name] = "x");
    }

    [Fact]
    public void Indexer_UnsupportedType_Throws()
    {
        var entity = new TableEntity("p", "r");

        Assert.Throws<ArgumentException>(() => entity["When"] = new DateOnly(2026, 1, 1));
        Assert.Throws<ArgumentException>(() => entity["When"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));
    }

    [Fact]
    public async Task AddEntityAsync_MoreThan252Properties_RejectedBeforeSending()
    {
        var counter = new CountingHandler();
        var table = azurite.CreateServiceClient(handlers: counter).GetTableClient("neverused");
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity[$"P{i}"] = i;
        }

        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(entity, Ct));
        Assert.Equal(0, counter.Requests);
    }
}
