using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.Conversations;

namespace Reminders.Tests.Sms.StatusCallbacks;

/// <summary>Delivery status callbacks through Core: ranks, error codes, bounce pauses and stats.</summary>
public sealed class StatusCallbackServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 10);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private const string Phone = "+12125550123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_DeliveredThenLateSent_StaysDeliveredAndCountsOnce()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        var nudge = await NudgeAsync(h, Today);

        var delivered = await CallbackAsync(h, nudge, "delivered");
        var late = await CallbackAsync(h, nudge, "sent");
        var again = await CallbackAsync(h, nudge, "delivered");

        Assert.Equal((StatusCallbackOutcome.Updated, StatusCallbackOutcome.Stale, StatusCallbackOutcome.Stale), (delivered, late, again));
        Assert.Equal(DeliveryStatus.Delivered, (await h.DeliveryAsync(Phone, nudge.Key))?.Status);
        Assert.Equal([(Today, nudge.PromptId!, StatCounter.Delivered)], h.Stats.ReplyCounters);
    }

    [Fact]
    public async Task HandleAsync_SentThenUndelivered_RecordsTheErrorCodeAndCountsAFailure()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        var nudge = await NudgeAsync(h, Today);

        await CallbackAsync(h, nudge, "sent");
        await CallbackAsync(h, nudge, "undelivered", 30007);

        var stored = await h.DeliveryAsync(Phone, nudge.Key);
        Assert.Equal((DeliveryStatus.Undelivered, 30007), (stored?.Status, stored?.ErrorCode));
        Assert.Contains("30007", stored?.Detail, StringComparison.Ordinal);
        Assert.Equal([(Today, nudge.PromptId!, StatCounter.Failed)], h.Stats.ReplyCounters);
        Assert.Equal(0, (await h.SubscriberAsync(Phone))?.ConsecutivePermanentFailures);
    }

    [Fact]
    public async Task HandleAsync_OptedOutCode_StopsWithCarrierConsentEvent()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        var nudge = await NudgeAsync(h, Today);

        await CallbackAsync(h, nudge, "failed", 21610);

        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
        var stopped = (await h.ConsentAsync(Phone))[0];
        Assert.Equal((ConsentEventKinds.Stopped, ConsentSources.Carrier, nudge.ProviderMessageId), (stopped.Kind, stopped.Source, stopped.MessageSid));
    }

    [Fact]
    public async Task HandleAsync_OptedOutCodeOnAnUntrackedText_StillStops()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var outcome = await h.Get<StatusCallbackService>().HandleAsync(
            new StatusCallback(PhoneNumber.FromE164(Phone), null, "SM" + new string('a', 32), "undelivered", 21610), Ct);

        Assert.Equal(StatusCallbackOutcome.NoDelivery, outcome);
        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task HandleAsync_ThreePermanentFailuresInARow_PausesWithBouncedForTheLongPause()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        for (var day = 0; day < 3; day++)
        {
            var nudge = await NudgeAsync(h, Today.AddDays(day));
            await CallbackAsync(h, nudge, "undelivered", 30005);
            await CallbackAsync(h, nudge, "undelivered", 30005);
        }

        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal(SubscriberStatus.Paused, subscriber?.Status);
        Assert.Equal(Today.AddDays(2 + DeliveryErrorCodes.BouncePauseDays), subscriber?.PausedUntil);
        Assert.Equal(0, subscriber?.ConsecutivePermanentFailures);
        var bounced = (await h.ConsentAsync(Phone))[0];
        Assert.Equal((ConsentEventKinds.Bounced, ConsentSources.Carrier), (bounced.Kind, bounced.Source));
        Assert.Contains("30005", bounced.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await h.SendDueAtAsync(SendSchedule.ToUtc(NewYork, Today.AddDays(3), new TimeOnly(9, 5))));
    }

    [Fact]
    public async Task HandleAsync_DeliveredBetweenPermanentFailures_ResetsTheCount()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        string[] results = ["undelivered", "undelivered", "delivered", "undelivered"];
        for (var day = 0; day < results.Length; day++)
        {
            var nudge = await NudgeAsync(h, Today.AddDays(day));
            await CallbackAsync(h, nudge, results[day], results[day] == "delivered" ? null : 30003);
        }

        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal(SubscriberStatus.Active, subscriber?.Status);
        Assert.Equal(1, subscriber?.ConsecutivePermanentFailures);
    }

    [Fact]
    public async Task HandleAsync_AnotherMessagesSid_ChangesNothing()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        var nudge = await NudgeAsync(h, Today);

        var outcome = await h.Get<StatusCallbackService>().HandleAsync(
            new StatusCallback(PhoneNumber.FromE164(Phone), nudge.Key, "SM" + new string('b', 32), "undelivered", 30005), Ct);

        Assert.Equal(StatusCallbackOutcome.NoDelivery, outcome);
        Assert.Equal(DeliveryStatus.Accepted, (await h.DeliveryAsync(Phone, nudge.Key))?.Status);
        Assert.Equal(0, (await h.SubscriberAsync(Phone))?.ConsecutivePermanentFailures);
    }

    [Theory]
    [InlineData("receiving")]
    [InlineData("something-new")]
    public async Task HandleAsync_StatusWordForNoOutboundState_IsIgnored(string status)
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        var nudge = await NudgeAsync(h, Today);

        Assert.Equal(StatusCallbackOutcome.Ignored, await CallbackAsync(h, nudge, status));
        Assert.Equal(DeliveryStatus.Accepted, (await h.DeliveryAsync(Phone, nudge.Key))?.Status);
    }

    /// <summary>Makes <see cref="Phone"/> active (first call) and sends the nudge of <paramref name="date"/>.</summary>
    private static async Task<DeliveryRecord> NudgeAsync(ConversationHarness h, DateOnly date)
    {
        if (await h.SubscriberAsync(Phone) is null)
        {
            await h.ActiveAsync(Phone);
        }

        Assert.Equal(1, await h.SendDueAtAsync(SendSchedule.ToUtc(NewYork, date, new TimeOnly(9, 5))));
        return await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(date)) ?? throw new InvalidOperationException("No delivery.");
    }

    private static Task<StatusCallbackOutcome> CallbackAsync(ConversationHarness h, DeliveryRecord nudge, string status, int? errorCode = null)
    {
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        return h.Get<StatusCallbackService>().HandleAsync(
            new StatusCallback(nudge.Phone, nudge.Key, nudge.ProviderMessageId!, status, errorCode), Ct);
    }
}
