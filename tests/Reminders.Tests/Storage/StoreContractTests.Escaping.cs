using Reminders.Core.Delivery;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>
/// Keys that are significant in query languages (quotes in OData filters and SQL, <c>%</c> and <c>_</c> in LIKE,
/// double quotes) are stored and matched literally: they can neither widen nor break a query.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly string[] HostileKeys =
    [
        "' or ''='",
        "x' or 'a'='a",
        "it's",
        "%",
        "_",
        "\"quoted\"",
        "100%_done",
    ];

    [Fact]
    public async Task PromptGetAsync_IdsWithFilterCharacters_MatchOnlyThemselves()
    {
        await Stores.Prompts.TryInsertAsync(NewPrompt("plain"), Ct);
        foreach (var id in HostileKeys)
        {
            Assert.NotNull(await Stores.Prompts.TryInsertAsync(NewPrompt(id, $"Text of {id}"), Ct));
        }

        foreach (var id in HostileKeys)
        {
            var stored = await Stores.Prompts.GetAsync(id, Ct);
            Assert.Equal(id, stored?.Value.Id);
            Assert.Equal($"Text of {id}", stored?.Value.Text);
        }

        foreach (var absent in new[] { "' or 1=1 or ''='", "pl_in", "pla%", "%%", "''", "\"" })
        {
            Assert.Null(await Stores.Prompts.GetAsync(absent, Ct));
        }

        var listed = await Stores.Prompts.ListAsync(Ct);
        Assert.Equal(HostileKeys.Append("plain").Order(StringComparer.Ordinal), listed.Select(p => p.Value.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PromptTryDeleteAsync_IdWithFilterCharacters_DeletesOnlyThatPrompt()
    {
        await Stores.Prompts.TryInsertAsync(NewPrompt("plain"), Ct);
        foreach (var id in HostileKeys)
        {
            await Stores.Prompts.TryInsertAsync(NewPrompt(id), Ct);
        }

        Assert.False(await Stores.Prompts.TryDeleteAsync("' or 1=1 or ''='", null, Ct));
        Assert.False(await Stores.Prompts.TryDeleteAsync("p%", null, Ct));
        Assert.True(await Stores.Prompts.TryDeleteAsync("x' or 'a'='a", null, Ct));

        var remaining = (await Stores.Prompts.ListAsync(Ct)).Select(p => p.Value.Id).Order(StringComparer.Ordinal);
        Assert.Equal(HostileKeys.Where(id => id != "x' or 'a'='a").Append("plain").Order(StringComparer.Ordinal), remaining);
    }

    [Fact]
    public async Task PromptTryReplaceAsync_IdWithFilterCharacters_ChangesOnlyThatPrompt()
    {
        var etag = await Stores.Prompts.TryInsertAsync(NewPrompt("' or ''='"), Ct);
        await Stores.Prompts.TryInsertAsync(NewPrompt("plain"), Ct);

        Assert.NotNull(await Stores.Prompts.TryReplaceAsync(NewPrompt("' or ''='", "Changed."), etag!, Ct));

        Assert.Equal("Changed.", (await Stores.Prompts.GetAsync("' or ''='", Ct))?.Value.Text);
        Assert.NotEqual("Changed.", (await Stores.Prompts.GetAsync("plain", Ct))?.Value.Text);
    }

    [Fact]
    public async Task DeliveryGetAsync_KeysWithFilterCharacters_MatchOnlyThemselves()
    {
        var phone = PhoneNumber.FromE164("+15550100001");
        var date = new DateOnly(2026, 3, 1);
        var at = Day.AddHours(13);
        var daily = new DeliveryRecord(phone, DeliveryRecord.DailyKey(date), date, "plain", DeliveryStatus.Claimed, at, at);
        await Stores.Deliveries.TryClaimAsync(daily, Ct);
        foreach (var key in HostileKeys)
        {
            Assert.True(await Stores.Deliveries.TryClaimAsync(daily with { Key = key, PromptId = key }, Ct));
        }

        foreach (var key in HostileKeys)
        {
            Assert.Equal(key, (await Stores.Deliveries.GetAsync(phone, key, Ct))?.PromptId);
        }

        foreach (var absent in new[] { "2026-03-0_", "2026-03-01%", "2026-03-01' or ''='", "' or 1=1 or ''='" })
        {
            Assert.Null(await Stores.Deliveries.GetAsync(phone, absent, Ct));
        }

        Assert.Equal(HostileKeys.Length + 1, (await Stores.Deliveries.ListAsync(phone, date, date, Ct)).Count);
    }

    [Fact]
    public async Task ScheduleRemoveAsync_PhoneWithFilterCharacters_RemovesOnlyThatRow()
    {
        var due = new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.Zero);
        var entries = HostileKeys.Select(key => new ScheduleEntry(key, due)).Append(new ScheduleEntry("+15550100001", due)).ToList();
        foreach (var entry in entries)
        {
            await Stores.Schedule.AddAsync(entry, Ct);
        }

        await Stores.Schedule.RemoveAsync(new ScheduleEntry("' or 1=1 or ''='", due), Ct);
        await Stores.Schedule.RemoveAsync(new ScheduleEntry("%", due), Ct);

        var read = await Stores.Schedule.ReadDueAsync(due, due, Ct);
        Assert.Equal(
            entries.Where(e => e.Phone != "%").Select(e => e.Phone).Order(StringComparer.Ordinal),
            read.Select(e => e.Phone).Order(StringComparer.Ordinal));
    }
}
