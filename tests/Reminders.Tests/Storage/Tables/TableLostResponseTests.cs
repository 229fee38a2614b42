using Reminders.Core.Delivery;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>
/// Requests that reach Azurite and are applied there, but whose response is lost (a dropped connection or a timeout),
/// so the SDK's retry policy sends them again and gets 409 or 412. Each test ends by checking what is stored.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TableLostResponseTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 6, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendBatch_ClaimInsertResponseLost_SendsOnceAndDeliveryEndsAccepted(bool asTimeout)
    {
        var lost = new LostResponsePolicy(m => TableRequests.IsInsertInto(m, "Deliveries"), asTimeout: asTimeout) { Enabled = false };
        await using var app = await TableAppHarness.StartAsync(azurite, Ct, lost);
        var phone = Assert.Single(await app.SeedAsync(1, Ct));
        lost.Enabled = true;

        var result = await app.Get<BatchSender>().SendAsync(new NudgeBatch([new NudgeItem(phone.Value, TableAppHarness.Due)]), Ct);

        Assert.Equal(1, lost.Lost);
        Assert.Equal((1, 0), (result.Sent, result.AlreadyClaimed));
        Assert.Single(app.Gateway.Sent);
        var delivery = await app.Get<IDeliveryStore>().GetAsync(phone, DeliveryRecord.DailyKey(Day), Ct);
        Assert.Equal(DeliveryStatus.Accepted, delivery!.Status);
        Assert.Equal(1, Assert.Single(await app.Get<IStatsStore>().ReadAsync(Day, Day, Ct)).Sent);

        var redelivered = await app.Get<BatchSender>().SendAsync(new NudgeBatch([new NudgeItem(phone.Value, TableAppHarness.Due)]), Ct);
        Assert.Equal((0, 1), (redelivered.Sent, redelivered.AlreadyClaimed));
        Assert.Single(app.Gateway.Sent);
    }

    [Fact]
    public async Task TryClaimAsync_InsertResponseLost_OwnerWinsAndRivalLoses()
    {
        var lost = new LostResponsePolicy(m => TableRequests.IsInsertInto(m, "Deliveries"));
        var tables = await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(lost));
        var store = new TableDeliveryStore(tables);
        var at = TableAppHarness.Due;
        var claim = new DeliveryRecord(PhoneNumber.FromE164("+12125550001"), "2026-06-10", Day, "p", DeliveryStatus.Claimed, at, at)
        {
            ClaimId = DeliveryRecord.NewClaimId(),
        };

        Assert.True(await store.TryClaimAsync(claim, Ct));
        Assert.False(await store.TryClaimAsync(claim with { ClaimId = DeliveryRecord.NewClaimId() }, Ct));

        Assert.Equal(1, lost.Lost);
        Assert.Equal(claim, await store.GetAsync(claim.Phone, claim.Key, Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StatsIncrement_TransactionResponseLost_CountsOnce(bool asTimeout)
    {
        var lost = new LostResponsePolicy(TableRequests.IsTransaction, times: 2, asTimeout: asTimeout);
        var stats = new TableStatsStore(await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(lost)));

        await stats.IncrementAsync(Day, "hug-20s", StatCounter.Sent, "+12125550001_2026-06-10", Ct); // inserts the row
        await stats.IncrementAsync(Day, "hug-20s", StatCounter.Sent, "+12125550002_2026-06-10", Ct); // replaces it with its ETag

        Assert.Equal(2, lost.Lost);
        var row = Assert.Single(await stats.ReadAsync(Day, Day, Ct));
        Assert.Equal(2, row.Sent);
        Assert.False(await stats.WasEverSentAsync("~Sent~", Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SubscriberUpdate_ReplaceResponseLost_AppliedOnce(bool asTimeout)
    {
        var lost = new LostResponsePolicy(m => TableRequests.IsUpdateOf(m, "Subscribers"), asTimeout: asTimeout) { Enabled = false };
        var tables = await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(lost));
        var subscribers = new TableSubscriberStore(tables);
        var updater = new SubscriberUpdater(subscribers, new TableScheduleIndex(tables));
        var subscriber = TableStoreTestData.Subscriber("+12125550001") with { DoneCount = 3 };
        await subscribers.TryInsertAsync(subscriber, Ct);
        lost.Enabled = true;

        var updated = await updater.UpdateAsync(subscriber.Phone, s => s with { DoneCount = s.DoneCount + 1 }, Ct);

        Assert.Equal(1, lost.Lost);
        var stored = await subscribers.GetAsync(subscriber.Phone, Ct);
        Assert.Equal(4, stored!.Value.DoneCount);
        Assert.Equal(stored.ETag, updated!.ETag);
    }

    [Fact]
    public async Task SubscriberTryInsertAsync_InsertResponseLost_ReportsInserted()
    {
        var lost = new LostResponsePolicy(m => TableRequests.IsInsertInto(m, "Subscribers"));
        var subscribers = new TableSubscriberStore(await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(lost)));
        var subscriber = TableStoreTestData.Subscriber("+12125550001");

        var etag = await subscribers.TryInsertAsync(subscriber, Ct);

        Assert.Equal(1, lost.Lost);
        Assert.NotNull(etag);
        Assert.Null(await subscribers.TryInsertAsync(subscriber, Ct));
        Assert.Equal(etag, (await subscribers.GetAsync(subscriber.Phone, Ct))!.ETag);
    }

    [Fact]
    public async Task MessageLogAppend_InsertResponseLost_AppendedOnceWithoutError()
    {
        var lost = new LostResponsePolicy(m => TableRequests.IsInsertInto(m, "Messages"));
        var log = new TableMessageLog(await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(lost)), TimeProvider.System);
        var phone = PhoneNumber.FromE164("+12125550001");

        await log.AppendAsync(new Core.Sms.OutboundMessage(phone, TableAppHarness.Due, "nudge", "Hug.", "test", Core.Sms.SmsSendOutcome.Accepted, "SM1"), Ct);

        Assert.Equal(1, lost.Lost);
        Assert.Single(await log.ListAsync(phone, 10, Ct));
    }
}
