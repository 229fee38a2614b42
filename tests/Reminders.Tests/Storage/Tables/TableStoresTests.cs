using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>Round trips and edge cases of each table store on Azurite, beyond the shared contract.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableStoresTests(AzuriteFixture azurite)
{
    private static readonly PhoneNumber Phone = PhoneNumber.FromE164("+15550100001");
    private static readonly DateTimeOffset At = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribers_InsertGetReplaceDelete_RoundTripEveryField()
    {
        var store = new TableSubscriberStore(await azurite.CreateTablesAsync(Ct));
        var subscriber = TableStoreTestData.Subscriber(Phone.Value, SubscriberStatus.Paused);

        var etag = await store.TryInsertAsync(subscriber, Ct);
        var duplicate = await store.TryInsertAsync(subscriber with { Name = "Other" }, Ct);
        var read = await store.GetAsync(Phone, Ct);
        var changed = subscriber with { Name = null, Categories = [], NextDueUtc = null, Status = SubscriberStatus.Active, PausedUntil = null };
        var newEtag = await store.TryReplaceAsync(changed, etag!, Ct);
        var reread = await store.GetAsync(Phone, Ct);

        Assert.NotNull(etag);
        Assert.Null(duplicate);
        Assert.Equal(subscriber, read!.Value);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(changed, reread!.Value);
        Assert.Equal(newEtag, reread.ETag);
        Assert.True(await store.DeleteAsync(Phone, Ct));
        Assert.False(await store.DeleteAsync(Phone, Ct));
        Assert.Null(await store.GetAsync(Phone, Ct));
        Assert.Null(await store.TryReplaceAsync(changed, newEtag!, Ct));
    }

    [Fact]
    public async Task Schedule_ReadDueAsync_InclusiveBoundsAcrossHoursInDueOrder()
    {
        var index = new TableScheduleIndex(await azurite.CreateTablesAsync(Ct));
        var from = new DateTimeOffset(2026, 3, 2, 13, 59, 30, TimeSpan.Zero);
        var to = from.AddMinutes(2);
        var entries = new[]
        {
            new ScheduleEntry("+15550100009", from.AddSeconds(-1)),
            new ScheduleEntry("+15550100003", from),
            new ScheduleEntry("+15550100002", from.AddSeconds(45)),
            new ScheduleEntry("+15550100001", from.AddSeconds(45)),
            new ScheduleEntry("+15550100004", to),
            new ScheduleEntry("+15550100008", to.AddSeconds(1)),
        };
        foreach (var entry in entries)
        {
            await index.AddAsync(entry, Ct);
        }

        await index.AddAsync(entries[1], Ct);
        var due = await index.ReadDueAsync(from, to, Ct);
        await index.RemoveAsync(entries[1], Ct);
        await index.RemoveAsync(entries[1], Ct);
        var afterRemove = await index.ReadDueAsync(from, to, Ct);

        Assert.Equal(["+15550100003", "+15550100001", "+15550100002", "+15550100004"], due.Select(e => e.Phone));
        Assert.Equal(from.AddSeconds(45), due[1].DueUtc);
        Assert.Equal(["+15550100001", "+15550100002", "+15550100004"], afterRemove.Select(e => e.Phone));
        Assert.Empty(await index.ReadDueAsync(to, from, Ct));
    }

    [Fact]
    public async Task Schedule_ReadDueAsync_SpanOverLimit_Refused()
    {
        var index = new TableScheduleIndex(await azurite.CreateTablesAsync(Ct));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => index.ReadDueAsync(At, At.AddDays(40), Ct));
    }

    [Fact]
    public async Task Schedule_ScanCursor_NullUntilSetThenLatest()
    {
        var index = new TableScheduleIndex(await azurite.CreateTablesAsync(Ct));

        var before = await index.GetScanCursorAsync(Ct);
        await index.SetScanCursorAsync(At, Ct);
        await index.SetScanCursorAsync(At.AddMinutes(5), Ct);

        Assert.Null(before);
        Assert.Equal(At.AddMinutes(5), await index.GetScanCursorAsync(Ct));
    }

    [Fact]
    public async Task Deliveries_ClaimUpdateListByLocalDate()
    {
        var store = new TableDeliveryStore(await azurite.CreateTablesAsync(Ct));
        var day1 = new DateOnly(2026, 3, 1);
        DeliveryRecord Claim(DateOnly date, string key) => new(Phone, key, date, "hug", DeliveryStatus.Claimed, At, At);
        await store.TryClaimAsync(Claim(day1.AddDays(-1), DeliveryRecord.DailyKey(day1.AddDays(-1))), Ct);
        await store.TryClaimAsync(Claim(day1, DeliveryRecord.DailyKey(day1) + "-more1"), Ct);
        await store.TryClaimAsync(Claim(day1, DeliveryRecord.DailyKey(day1)), Ct);
        await store.TryClaimAsync(Claim(day1.AddDays(1), DeliveryRecord.DailyKey(day1.AddDays(1))), Ct);
        var updated = Claim(day1, DeliveryRecord.DailyKey(day1)) with
        {
            Status = DeliveryStatus.Undelivered, UpdatedAt = At.AddMinutes(1), ProviderMessageId = "SM123", ErrorCode = 30003, Detail = "unreachable",
        };

        await store.UpdateAsync(updated, Ct);
        var listed = await store.ListAsync(Phone, day1, day1.AddDays(1), Ct);

        Assert.Equal(updated, await store.GetAsync(Phone, DeliveryRecord.DailyKey(day1), Ct));
        Assert.Equal(["2026-03-01", "2026-03-01-more1", "2026-03-02"], listed.Select(d => d.Key));
        Assert.Null(await store.GetAsync(Phone, "2026-02-01", Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync(Claim(day1, "2030-01-01"), Ct));
    }

    [Fact]
    public async Task Prompts_ListOrderedAndSeededIdsRemembered()
    {
        var store = new TablePromptStore(await azurite.CreateTablesAsync(Ct));
        foreach (var id in new[] { "walk", "eye-contact", "hug-20s" })
        {
            await store.TryInsertAsync(new Prompt(id, "Text " + id, "touch", "anyone", "Why " + id, "seed.md", id != "walk"), Ct);
        }

        var ids = Enumerable.Range(0, 130).Select(i => $"seed-{i:D3}").ToList();
        await store.MarkSeededAsync(ids, Ct);
        await store.MarkSeededAsync(ids.Take(3).ToList(), Ct);
        var list = await store.ListAsync(Ct);
        var seeded = await store.GetSeededIdsAsync(Ct);

        Assert.Equal(["eye-contact", "hug-20s", "walk"], list.Select(p => p.Value.Id));
        Assert.False(list[2].Value.Enabled);
        Assert.Equal("Why hug-20s", list[1].Value.Why);
        Assert.Equal(ids.ToHashSet(), seeded);
        Assert.Null(await store.TryInsertAsync(list[0].Value, Ct));
    }

    [Fact]
    public async Task Consent_NewestFirstIncludingSameInstant()
    {
        var tables = await azurite.CreateTablesAsync(Ct);
        var log = new TableConsentLog(tables, TimeProvider.System);
        var other = PhoneNumber.FromE164("+15550100002");
        await log.AppendAsync(new ConsentEvent(Phone, At, ConsentEventKinds.SignedUp, ConsentSources.Api, "203.0.113.7"), Ct);
        await log.AppendAsync(new ConsentEvent(Phone, At.AddMinutes(2), ConsentEventKinds.Confirmed, ConsentSources.Sms, "YES", "SM1"), Ct);
        await log.AppendAsync(new ConsentEvent(Phone, At.AddMinutes(2), ConsentEventKinds.Stopped, ConsentSources.Sms, "STOP", "SM2"), Ct);
        await log.AppendAsync(new ConsentEvent(other, At, ConsentEventKinds.SignedUp, ConsentSources.Api, null), Ct);

        var events = await log.ListAsync(Phone, Ct);

        Assert.Equal([ConsentEventKinds.Stopped, ConsentEventKinds.Confirmed, ConsentEventKinds.SignedUp], events.Select(e => e.Kind));
        Assert.Equal(new ConsentEvent(Phone, At.AddMinutes(2), ConsentEventKinds.Stopped, ConsentSources.Sms, "STOP", "SM2"), events[0]);
        Assert.Single(await log.ListAsync(other, Ct));
    }

    [Fact]
    public async Task Messages_NewestFirstLimitedToMax()
    {
        var log = new TableMessageLog(await azurite.CreateTablesAsync(Ct), TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            await log.AppendAsync(new OutboundMessage(Phone, At.AddMinutes(i), OutboundMessageKinds.Nudge, $"body {i}", "dry-run", SmsSendOutcome.Accepted, $"SM{i}"), Ct);
        }

        var latest = await log.ListAsync(Phone, 3, Ct);

        Assert.Equal(["body 4", "body 3", "body 2"], latest.Select(m => m.Body));
        Assert.Equal(SmsSendOutcome.Accepted, latest[0].Outcome);
        Assert.Empty(await log.ListAsync(Phone, 0, Ct));
    }
}
