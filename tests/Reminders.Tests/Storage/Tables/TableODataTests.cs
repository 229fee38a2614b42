using Reminders.Core.Prompts;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

[Collection(AzuriteTests.Name)]
public sealed class TableODataTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<object, string> Literals => new()
    {
        { "O'Brien", "'O''Brien'" },
        { "", "''" },
        { true, "true" },
        { 42, "42" },
        { 10000000005L, "10000000005L" },
        { 1.5, "1.5" },
        { 100.0, "100.0" },
        { new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.FromHours(2)), "datetime'2026-01-05T22:00:00.0000000Z'" },
        { new Guid("00000000-0000-0000-0000-000000000002"), "guid'00000000-0000-0000-0000-000000000002'" },
        { new byte[] { 1, 2, 255 }, "X'0102ff'" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Literal_EachType_IsTheODataForm(object value, string expected)
    {
        Assert.Equal(expected, TableOData.Literal(value));
    }

    [Fact]
    public void Filter_InterpolatedValues_BecomeEscapedLiterals()
    {
        var filter = TableOData.Filter($"PartitionKey eq {"a' or 'x' eq 'x"} and N ge {5L}");

        Assert.Equal("PartitionKey eq 'a'' or ''x'' eq ''x' and N ge 5L", filter.Text);
    }

    [Fact]
    public void Filter_NullValue_Throws()
    {
        string? missing = null;

        Assert.Throws<ArgumentException>(() => TableOData.Filter($"Name eq {missing}"));
    }

    [Fact]
    public void And_TwoFilters_ParenthesisesBoth()
    {
        var filter = TableOData.Filter($"A eq {1}").And(TableOData.Filter($"B eq {"x"} or C eq {true}"));

        Assert.Equal("(A eq 1) and (B eq 'x' or C eq true)", filter.Text);
    }

    [Fact]
    public async Task Query_ValueTryingToInjectFilter_MatchesNothingOnAzurite()
    {
        var table = await CreateTableAsync(["alice", "bob", "O'Brien"]);

        var injected = await QueryRowKeys(table, TableOData.Filter($"PartitionKey eq {"p"} and RowKey eq {"x' or RowKey ne '"}"));
        var quoted = await QueryRowKeys(table, TableOData.Filter($"PartitionKey eq {"p"} and RowKey eq {"O'Brien"}"));

        Assert.Empty(injected);
        Assert.Equal(["O'Brien"], quoted);
    }

    [Fact]
    public async Task Query_TypedLiterals_FilterOnAzurite()
    {
        var table = await CreateTableAsync(["a", "b", "c"]);

        var big = await QueryRowKeys(table, TableOData.Filter($"Big eq {9007199254740993L}"));
        var when = await QueryRowKeys(table, TableOData.Filter($"When ge {new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero)}"));
        var id = await QueryRowKeys(table, TableOData.Filter($"Id eq {Guid.Parse("00000000-0000-0000-0000-000000000001")}"));

        Assert.Equal(["b"], big);
        Assert.Equal(["b", "c"], when);
        Assert.Equal(["b"], id);
    }

    [Fact]
    public async Task PromptStore_IdsWithQuotes_CannotReachOtherPrompts()
    {
        var tables = await azurite.CreateTablesAsync(Ct);
        var prompts = new TablePromptStore(tables);
        await prompts.TryInsertAsync(Prompt("hug"), Ct);
        await prompts.TryInsertAsync(Prompt("it's-ok"), Ct);

        Assert.Null(await prompts.GetAsync("x' or RowKey ne '", Ct));
        Assert.Null(await prompts.GetAsync("hug' or '1' eq '1", Ct));
        Assert.Equal("it's-ok", (await prompts.GetAsync("it's-ok", Ct))!.Value.Id);
        Assert.False(await prompts.TryDeleteAsync("hug',RowKey='it''s-ok", null, Ct));
        Assert.Equal(["hug", "it's-ok"], (await prompts.ListAsync(Ct)).Select(p => p.Value.Id));
    }

    [Fact]
    public async Task Keys_WithFilterAndUrlSignificantCharacters_RoundTripOnAzurite()
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        const string awkward = "a b+c%d'e&f=é:@,;$!*()[]~";
        await table.UpsertEntityAsync(new TableEntity(awkward, awkward) { ["V"] = 1 }, TableUpdateMode.Replace, Ct);

        var read = await table.GetEntityIfExistsAsync(awkward, awkward, null, Ct);
        var queried = await QueryRowKeys(table, TableOData.Filter($"PartitionKey eq {awkward}"));

        Assert.Equal(awkward, read!.RowKey);
        Assert.Equal([awkward], queried);
    }

    private async Task<TableClient> CreateTableAsync(string[] rowKeys)
    {
        var table = (await azurite.CreateTablesAsync(Ct)).State;
        for (var i = 0; i < rowKeys.Length; i++)
        {
            await table.AddEntityAsync(
                new TableEntity("p", rowKeys[i])
                {
                    ["Big"] = 9007199254740992L + i,
                    ["When"] = new DateTimeOffset(2026, 1, 1 + i, 0, 0, 0, TimeSpan.Zero),
                    ["Id"] = new Guid($"00000000-0000-0000-0000-00000000000{i}"),
                },
                Ct);
        }

        return table;
    }

    private static async Task<List<string>> QueryRowKeys(TableClient table, TableFilter filter)
    {
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync(new TableQuery(filter), Ct))
        {
            keys.Add(entity.RowKey);
        }

        return keys;
    }

    private static Prompt Prompt(string id) => new(id, "Hug someone for 20 seconds.", "touch", "partner", "Touch releases oxytocin.", "admin");
}
