using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>Keys Table Storage cannot hold are refused with <see cref="ArgumentException"/> before any request is sent.</summary>
public sealed class TableKeyValidationTests
{
    private static readonly PhoneNumber Phone = PhoneNumber.FromE164("+15550100001");
    private static readonly DateTimeOffset At = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> BadKeys => new()
    {
        "a/b", "a\\b", "a#b", "a?b", "tab\there", "new\nline", "nul\0", "del\u007f", "c1\u0085", new string('k', 513),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task ClientOperations_BadKey_ThrowWithoutSendingAnything(string key)
    {
        var (table, handler) = Create();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.GetEntityIfExistsAsync("p", key, null, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.GetEntityIfExistsAsync(key, "r", null, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => table.DeleteEntityAsync("p", key, TableClient.AnyETag, Ct));
        Assert.ThrowsAny<ArgumentException>(() => new TableEntity(key, "r"));
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task Stores_BadKey_ThrowWithoutSendingAnything(string key)
    {
        var handler = new ScriptedTableHandler();
        var tables = new TableStoreTables(ServiceOf(handler), "t");
        var prompts = new TablePromptStore(tables);
        var deliveries = new TableDeliveryStore(tables);
        var schedule = new TableScheduleIndex(tables);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.GetAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.TryInsertAsync(new Prompt(key, "t", "touch", "anyone", "w", "admin"), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.TryDeleteAsync(key, null, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.MarkSeededAsync(["fine", key], Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => deliveries.GetAsync(Phone, key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => deliveries.TryClaimAsync(
            new DeliveryRecord(Phone, key, new DateOnly(2026, 3, 1), null, DeliveryStatus.Claimed, At, At), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => schedule.AddAsync(new ScheduleEntry(key, At), Ct));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Validate_LongestAllowedKeyAndEmptyKey_Accepted()
    {
        TableKeys.Validate(new string('k', TableKeys.MaxKeyLength), "key");
        TableKeys.Validate(string.Empty, "key");
        Assert.True(TableKeys.IsValid("O'Brien (+1) é"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("ab-c")]
    [InlineData("tables")]
    public void GetTableClient_BadTableName_Throws(string name)
    {
        var (_, handler) = Create();

        Assert.Throws<ArgumentException>(() => ServiceOf(handler).GetTableClient(name));
    }

    private static (TableClient Table, ScriptedTableHandler Handler) Create()
    {
        var handler = new ScriptedTableHandler();
        return (ServiceOf(handler).GetTableClient("things"), handler);
    }

    private static TableServiceClient ServiceOf(ScriptedTableHandler handler) =>
        new(new HttpClient(handler), TableConnectionString.Parse("UseDevelopmentStorage=true"), TimeProvider.System);
}
