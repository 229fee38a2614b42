using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>Signed delivery status callbacks from the fake Twilio, in and out of order, with the error codes that change a subscriber.</summary>
public sealed class StatusCallbackEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 10);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private const string Phone = "+12125550123";

    [Fact]
    public async Task Callbacks_OutOfOrder_NeverMoveTheStatusBackwards()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        var nudge = await NudgeAsync(h, Today);

        await h.StatusAsync(nudge, "delivered");
        await h.StatusAsync(nudge, "sent");
        await h.StatusAsync(nudge, "queued");
        await h.StatusAsync(nudge, "sending");

        var delivery = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));
        Assert.Equal(DeliveryStatus.Delivered, delivery?.Status);
        Assert.Equal(1, h.Stats.Count(StatCounter.Delivered));
    }

    [Fact]
    public async Task Callback_21610_StopsTheSubscriberWithCarrierConsent()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        var nudge = await NudgeAsync(h, Today);

        await h.StatusAsync(nudge, "sent");
        await h.StatusAsync(nudge, "undelivered", 21610);

        var delivery = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));
        Assert.Equal((DeliveryStatus.Undelivered, 21610), (delivery?.Status, delivery?.ErrorCode));
        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
        var stopped = (await h.ConsentAsync(Phone))[0];
        Assert.Equal((ConsentEventKinds.Stopped, ConsentSources.Carrier, nudge.Sid), (stopped.Kind, stopped.Source, stopped.MessageSid));
        await h.ScanAtAsync(LocalUtc(Today.AddDays(1), 9, 5));
        Assert.Single(h.MessagesTo(Phone));
        Assert.Equal(1, h.Stats.Count(StatCounter.Failed));
    }

    [Fact]
    public async Task Send_RefusedWith21610_StopsTheSubscriberWithCarrierConsent()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await h.ReplyAsync(Phone, "JOIN");
        h.Twilio.FailRecipient(Phone, FakeTwilioFault.OptedOut);

        await h.ScanAtAsync(LocalUtc(Today, 9, 5));

        var delivery = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));
        Assert.Equal((DeliveryStatus.Failed, 21610), (delivery?.Status, delivery?.ErrorCode));
        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
        var stopped = (await h.ConsentAsync(Phone))[0];
        Assert.Equal((ConsentEventKinds.Stopped, ConsentSources.Carrier), (stopped.Kind, stopped.Source));
    }

    [Fact]
    public async Task Callbacks_ThreePermanentFailuresInARow_PauseWithBounced()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        int[] codes = [30006, 21614, 30003];
        for (var day = 0; day < codes.Length; day++)
        {
            var nudge = await NudgeAsync(h, Today.AddDays(day));
            await h.StatusAsync(nudge, "undelivered", codes[day]);
            Assert.Equal(day < 2 ? SubscriberStatus.Active : SubscriberStatus.Paused, (await h.SubscriberAsync(Phone))?.Status);
        }

        var bounced = (await h.ConsentAsync(Phone))[0];
        Assert.Equal((ConsentEventKinds.Bounced, ConsentSources.Carrier), (bounced.Kind, bounced.Source));
        Assert.Equal(Today.AddDays(2 + DeliveryErrorCodes.BouncePauseDays), (await h.SubscriberAsync(Phone))?.PausedUntil);
        var sent = h.Twilio.Messages.Count;
        await h.ScanAtAsync(LocalUtc(Today.AddDays(3), 9, 5));
        Assert.Equal(sent, h.Twilio.Messages.Count);
    }

    [Fact]
    public async Task Callbacks_DeliveredBetweenFailures_ResetsTheCount()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        string[] results = ["failed", "undelivered", "delivered", "undelivered", "undelivered"];
        for (var day = 0; day < results.Length; day++)
        {
            var nudge = await NudgeAsync(h, Today.AddDays(day));
            await h.StatusAsync(nudge, results[day], results[day] == "delivered" ? null : 30005);
        }

        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal((SubscriberStatus.Active, 2), (subscriber?.Status, subscriber?.ConsecutivePermanentFailures));
    }

    /// <summary>JOINs once, then sends the nudge of <paramref name="date"/> and returns it as the fake saw it.</summary>
    private static async Task<FakeTwilioMessage> NudgeAsync(SmsAppHarness h, DateOnly date)
    {
        if (await h.SubscriberAsync(Phone) is null)
        {
            await h.ReplyAsync(Phone, "JOIN");
        }

        await h.ScanAtAsync(LocalUtc(date, 9, 5));
        return h.MessagesTo(Phone).Single(m => SendSchedule.LocalDate(NewYork, m.CreatedAt) == date);
    }

    private static DateTimeOffset LocalUtc(DateOnly date, int hour, int minute) => SendSchedule.ToUtc(NewYork, date, new TimeOnly(hour, minute));
}
