using Reminders.Core.Delivery;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.Hardening;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Delivery;

/// <summary>
/// The scan moves rows that carry their plan without reading the subscriber (Table Storage), and the sender's one update
/// records the move. These runs check that a stale row, a lost batch and a plan that changed behind the row end as they
/// do when the scan reads every subscriber (SQLite): one nudge a day, at the subscriber's time, and no row lost.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class MovedRowTests(AzuriteFixture azurite)
{
    private const string Phone = "+12125550077";
    private static readonly DateTimeOffset Due = CoreHarness.FirstDue;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task StaleRowLeftByAReschedule_NothingAtTheOldTime_OneNudgeADayAtTheNewTime(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct);
        await app.AddActiveAsync(Phone, Ct);
        await app.Get<SubscriberUpdater>().UpdateAsync(
            PhoneNumber.FromE164(Phone), s => s with { SendAt = new TimeOnly(10, 0), NextDueUtc = Due.AddMinutes(30) }, Ct);
        // The reschedule's removal of the old row was lost (a crash after the subscriber was written).
        await app.Get<IScheduleIndex>().AddAsync(ScheduleEntry.For(CoreHarness.Active(Phone), Due), Ct);

        var counts = new List<int>();
        foreach (var at in new[] { Due, Due.AddMinutes(30), Due.AddDays(1), Due.AddDays(1).AddMinutes(30) })
        {
            app.Time.SetUtcNow(at.AddMinutes(1));
            await app.ScanAndSendAsync(Ct);
            counts.Add(app.Gateway.CountTo(Phone));
        }

        Assert.Equal([0, 1, 1, 2], counts);
        Assert.Empty(await app.Get<IScheduleIndex>().ReadDueAsync(Due.AddDays(2), Due.AddDays(2), Ct));
        Assert.Equal(Due.AddDays(2).AddMinutes(30), (await app.Get<ISubscriberStore>().GetAsync(PhoneNumber.FromE164(Phone), Ct))!.Value.NextDueUtc);
        Assert.Single(await app.Get<IScheduleIndex>().ReadDueAsync(Due.AddDays(2).AddMinutes(30), Due.AddDays(2).AddMinutes(30), Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task BatchLostBetweenScanAndSend_NextDaySendsAndTheScheduleCatchesUp(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct);
        await app.AddActiveAsync(Phone, Ct);
        app.Time.SetUtcNow(Due.AddMinutes(1));
        Assert.Single(Assert.Single((await app.Get<DueScanner>().ScanAsync(Ct)).Batches).Items); // never sent

        app.Time.SetUtcNow(Due.AddDays(1).AddMinutes(1));
        await app.ScanAndSendAsync(Ct);
        app.Time.SetUtcNow(Due.AddDays(2).AddMinutes(1));
        await app.ScanAndSendAsync(Ct);

        Assert.Equal(2, app.Gateway.CountTo(Phone));
        Assert.Equal(Due.AddDays(3), (await app.Get<ISubscriberStore>().GetAsync(PhoneNumber.FromE164(Phone), Ct))!.Value.NextDueUtc);
        Assert.Single(await app.Get<IScheduleIndex>().ReadDueAsync(Due.AddDays(3), Due.AddDays(3), Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task SendTimeChangedBehindTheRow_NextNudgeFollowsTheSubscriber(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct);
        await app.AddActiveAsync(Phone, Ct);
        // A writer that lost a race left the row with the old plan (09:30) while the subscriber now says 09:45.
        var subscribers = app.Get<ISubscriberStore>();
        var stored = (await subscribers.GetAsync(PhoneNumber.FromE164(Phone), Ct))!;
        Assert.NotNull(await subscribers.TryReplaceAsync(stored.Value with { SendAt = new TimeOnly(9, 45) }, stored.ETag, Ct));

        var counts = new List<int>();
        foreach (var at in new[] { Due, Due.AddDays(1), Due.AddDays(1).AddMinutes(15) })
        {
            app.Time.SetUtcNow(at.AddMinutes(1));
            await app.ScanAndSendAsync(Ct);
            counts.Add(app.Gateway.CountTo(Phone));
        }

        // Today's row was due at 09:30 and is sent then; from tomorrow on the subscriber's 09:45 holds.
        Assert.Equal([1, 1, 2], counts);
        Assert.Equal(Due.AddDays(2).AddMinutes(15), (await subscribers.GetAsync(PhoneNumber.FromE164(Phone), Ct))!.Value.NextDueUtc);
        Assert.Empty(await app.Get<IScheduleIndex>().ReadDueAsync(Due.AddDays(2), Due.AddDays(2), Ct));
    }
}
