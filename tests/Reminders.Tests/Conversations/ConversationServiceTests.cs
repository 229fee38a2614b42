using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Conversations;

/// <summary>The reply conversation through Core as composed by the app (SQLite, dry-run gateway, manual clock).</summary>
public sealed class ConversationServiceTests
{
    // 2026-06-10 12:00 UTC is 08:00 in New York (EDT, UTC-4); the default send time is 09:00.
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 10);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly ReplyTexts Texts = new(Options.Create(new ProgramOptions()));
    private const string Phone = "+12125550123";

    /// <summary>Maps to many time zones, so a text-in from it gets Signup:DefaultTimeZone (see TextInTimeZoneTests).</summary>
    private const string TollFree = "+18005550199";

    [Fact]
    public async Task Stop_ActiveSubscriber_StopsUnscheduledWithConsentEventAndOneConfirmation()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        var sid = h.NextSid();

        var reply = await h.TextAsync(Phone, "Stop", sid: sid);

        Assert.Equal(Texts.StopConfirmation(), reply);
        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal(SubscriberStatus.Stopped, subscriber?.Status);
        Assert.Null(subscriber?.NextDueUtc);
        var stopped = (await h.ConsentAsync(Phone))[0];
        Assert.Equal((ConsentEventKinds.Stopped, ConsentSources.Sms, "STOP", sid), (stopped.Kind, stopped.Source, stopped.Detail, stopped.MessageSid));
        Assert.Equal(0, await h.SendDueAtAsync(Start.AddHours(2)));
    }

    [Fact]
    public async Task Stop_TwilioAlreadyHandledOptOut_AppliesButAnswersNothing()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var reply = await h.TextAsync(Phone, "stop", optOutType: "STOP");

        Assert.Null(reply);
        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
        Assert.DoesNotContain(await h.MessagesAsync(Phone), m => m.Body == Texts.StopConfirmation());
    }

    [Fact]
    public async Task Stop_ClearPhrase_StopsLikeTheKeyword()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        await h.TextAsync(Phone, "please stop texting me");

        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task Stop_WithinADayOfTheNudge_CountsOneOptOutForThatPromptAndDate()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        Assert.Equal(1, await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5)));
        var nudge = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));
        h.Clock.Advance(TimeSpan.FromHours(20));

        await h.TextAsync(Phone, "STOP");
        await h.TextAsync(Phone, "STOP");

        Assert.Equal([(Today, nudge!.PromptId!, StatCounter.OptOut)], h.Stats.ReplyCounters);
    }

    [Fact]
    public async Task Stop_MoreThanADayAfterTheNudge_CountsNoOptOut()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5));
        h.Clock.Advance(TimeSpan.FromHours(25));

        await h.TextAsync(Phone, "STOP");

        Assert.Empty(h.Stats.ReplyCounters);
    }

    [Fact]
    public async Task Stop_UnknownNumber_RecordsTheRequestAndConfirms()
    {
        await using var h = await ConversationHarness.StartAsync(Start);

        var reply = await h.TextAsync(Phone, "STOP");

        Assert.Equal(Texts.StopConfirmation(), reply);
        Assert.Null(await h.SubscriberAsync(Phone));
        Assert.Equal(ConsentEventKinds.Stopped, Assert.Single(await h.ConsentAsync(Phone)).Kind);
    }

    [Fact]
    public async Task Start_PendingSignup_ConfirmsWithConsentEvent()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.SignUpAsync(Phone, sendAt: "18:30");

        var reply = await h.TextAsync(Phone, "Yes!");

        Assert.Equal(Texts.Confirmed(new TimeOnly(18, 30), "America/New_York"), reply);
        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal(SubscriberStatus.Active, subscriber?.Status);
        Assert.Equal(SendSchedule.ToUtc(NewYork, Today, new TimeOnly(18, 30)), subscriber?.NextDueUtc);
        var confirmed = (await h.ConsentAsync(Phone))[0];
        Assert.Equal((ConsentEventKinds.Confirmed, ConsentSources.Sms, "YES"), (confirmed.Kind, confirmed.Source, confirmed.Detail));
    }

    [Fact]
    public async Task Start_StoppedSubscriber_ReactivatesAndTextsResume()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.TextAsync(Phone, "STOP");

        var reply = await h.TextAsync(Phone, "START");

        Assert.Equal(Texts.Resubscribed(new TimeOnly(9, 0)), reply);
        Assert.Equal(SubscriberStatus.Active, (await h.SubscriberAsync(Phone))?.Status);
        Assert.Equal(ConsentEventKinds.Activated, (await h.ConsentAsync(Phone))[0].Kind);
        Assert.Equal(1, await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5)));
    }

    [Fact]
    public async Task Start_ActiveSubscriber_ChangesNothing()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        var events = (await h.ConsentAsync(Phone)).Count;

        var reply = await h.TextAsync(Phone, "START");

        Assert.Equal(Texts.AlreadySubscribed(new TimeOnly(9, 0)), reply);
        Assert.Equal(events, (await h.ConsentAsync(Phone)).Count);
    }

    [Theory]
    [InlineData("JOIN")]
    [InlineData("start")]
    [InlineData("YES")]
    public async Task Start_UnknownNumberInAllowedCountry_SubscribesWithDefaultsAndSaysHowToChange(string keyword)
    {
        await using var h = await ConversationHarness.StartAsync(Start, new Dictionary<string, string?>
        {
            ["Signup:DefaultTimeZone"] = "America/Chicago",
            ["Signup:DefaultSendAt"] = "10:15",
        });

        var reply = await h.TextAsync(TollFree, keyword);

        Assert.Equal(Texts.TextInWelcome(new TimeOnly(10, 15), "America/Chicago"), reply);
        Assert.Contains("TIME", reply, StringComparison.Ordinal);
        Assert.Contains("ZONE", reply, StringComparison.Ordinal);
        var subscriber = await h.SubscriberAsync(TollFree);
        Assert.Equal((SubscriberStatus.Active, "America/Chicago", new TimeOnly(10, 15)), (subscriber?.Status, subscriber?.TimeZoneId, subscriber?.SendAt));
        Assert.NotNull(subscriber?.NextDueUtc);
        var signedUp = Assert.Single(await h.ConsentAsync(TollFree));
        Assert.Equal((ConsentEventKinds.SignedUp, ConsentSources.Sms), (signedUp.Kind, signedUp.Source));
    }

    [Fact]
    public async Task Start_UnknownNumberOutsideAllowedCountries_CreatesNothingAndAnswersNothing()
    {
        await using var h = await ConversationHarness.StartAsync(Start);

        var reply = await h.TextAsync("+447700900123", "JOIN");

        Assert.Null(reply);
        Assert.Null(await h.SubscriberAsync("+447700900123"));
        Assert.Empty(await h.ConsentAsync("+447700900123"));
    }

    [Fact]
    public async Task Help_AnyNumber_NamesProgramFrequencyStopAndRates()
    {
        await using var h = await ConversationHarness.StartAsync(Start);

        var reply = await h.TextAsync(Phone, "help");

        Assert.Equal(Texts.Help(), reply);
        Assert.Contains("STOP", reply, StringComparison.Ordinal);
        Assert.Contains("1 msg/day", reply, StringComparison.Ordinal);
        Assert.Contains("Msg&data rates may apply", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_SameMessageSid_AnswersTheSameReplyWithoutApplyingAgain()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5));
        var more = new InboundSms(PhoneNumber.FromE164(Phone), "MORE", null, h.NextSid());

        var first = await h.HandleAsync(more);
        var retried = await h.HandleAsync(more);

        Assert.False(first.Replayed);
        Assert.True(retried.Replayed);
        Assert.Equal(first.Reply, retried.Reply);
        Assert.NotNull(await h.DeliveryAsync(Phone, HabitCommands.ExtraKey(Today, 1)));
        Assert.Null(await h.DeliveryAsync(Phone, HabitCommands.ExtraKey(Today, 2)));
        Assert.Single(await h.MessagesAsync(Phone), m => m.Body == first.Reply);
    }

    [Fact]
    public async Task Retry_StopWithSameMessageSid_WritesOneConsentEvent()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        var stop = new InboundSms(PhoneNumber.FromE164(Phone), "STOP", null, h.NextSid());

        await h.HandleAsync(stop);
        var retried = await h.HandleAsync(stop);

        Assert.Equal(Texts.StopConfirmation(), retried.Reply);
        Assert.Single(await h.ConsentAsync(Phone), e => e.Kind == ConsentEventKinds.Stopped);
    }

    [Fact]
    public async Task Pause3_BeforeTodaysNudge_TodayAndNextTwoDaysAreSilent()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var reply = await h.TextAsync(Phone, "PAUSE 3");

        Assert.Equal(Texts.Paused(3, Today.AddDays(3)), reply);
        Assert.Equal(Today.AddDays(2), (await h.SubscriberAsync(Phone))?.PausedUntil);
        Assert.Equal(ConsentEventKinds.Paused, (await h.ConsentAsync(Phone))[0].Kind);
        var sends = await DailySendsAsync(h, Today, 5);
        Assert.Equal([0, 0, 0, 1, 1], sends);
    }

    [Fact]
    public async Task Pause3_AfterTodaysNudge_NextThreeDaysAreSilent()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        Assert.Equal(1, await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5)));
        h.Clock.Advance(TimeSpan.FromHours(2));

        var reply = await h.TextAsync(Phone, "pause 3 days");

        Assert.Equal(Texts.Paused(3, Today.AddDays(4)), reply);
        Assert.Equal(Today.AddDays(3), (await h.SubscriberAsync(Phone))?.PausedUntil);
        var sends = await DailySendsAsync(h, Today.AddDays(1), 4);
        Assert.Equal([0, 0, 0, 1], sends);
    }

    [Fact]
    public async Task Resume_Paused_ReactivatesAndTodaysNudgeComes()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.TextAsync(Phone, "PAUSE");

        var reply = await h.TextAsync(Phone, "resume");

        Assert.Equal(Texts.Resumed(new TimeOnly(9, 0)), reply);
        Assert.Equal(SubscriberStatus.Active, (await h.SubscriberAsync(Phone))?.Status);
        Assert.Equal(ConsentEventKinds.Resumed, (await h.ConsentAsync(Phone))[0].Kind);
        Assert.Equal(1, await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5)));
    }

    [Fact]
    public async Task Resume_NotPaused_SaysSoAndChangesNothing()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        Assert.Equal(Texts.NotPaused(new TimeOnly(9, 0)), await h.TextAsync(Phone, "RESUME"));
    }

    [Fact]
    public async Task Time_715pm_MovesTheNextNudgeTo1915Local()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var reply = await h.TextAsync(Phone, "TIME 7:15pm");

        Assert.Equal(Texts.TimeChanged(new TimeOnly(19, 15)), reply);
        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal(new TimeOnly(19, 15), subscriber?.SendAt);
        Assert.Equal(SendSchedule.ToUtc(NewYork, Today, new TimeOnly(19, 15)), subscriber?.NextDueUtc);
        Assert.Equal(0, await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5)));
        Assert.Equal(1, await h.SendDueAtAsync(SendSchedule.ToUtc(NewYork, Today, new TimeOnly(19, 16))));
    }

    [Theory]
    [InlineData("TIME 9pm")]
    [InlineData("TIME 19:56")]
    [InlineData("TIME 6am")]
    [InlineData("TIME soon")]
    public async Task Time_OutsideTheSendingWindowOrUnreadable_ExplainsAndKeepsTheTime(string text)
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        var before = await h.ActiveAsync(Phone);

        var reply = await h.TextAsync(Phone, text);

        Assert.Equal(Texts.TimeHelp(new TimeOnly(8, 0), new TimeOnly(19, 55)), reply);
        Assert.Equal(before.SendAt, (await h.SubscriberAsync(Phone))?.SendAt);
    }

    [Fact]
    public async Task Zone_Pacific_ChangesTheZoneAndMovesTheNextNudge()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var reply = await h.TextAsync(Phone, "ZONE Pacific");

        Assert.Equal(Texts.ZoneChanged("America/Los_Angeles", new TimeOnly(9, 0)), reply);
        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal("America/Los_Angeles", subscriber?.TimeZoneId);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 16, 0, 0, TimeSpan.Zero), subscriber?.NextDueUtc);
    }

    [Fact]
    public async Task Done_AfterTodaysNudge_CountsOnceADayWithoutStreakTalk()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5));
        var nudge = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));

        var first = await h.TextAsync(Phone, "done");
        var second = await h.TextAsync(Phone, "DONE");

        Assert.Equal(Texts.Done(), first);
        Assert.Equal(Texts.Done(), second);
        Assert.DoesNotContain("streak", first, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await h.SubscriberAsync(Phone))?.DoneCount);
        Assert.Equal([(Today, nudge!.PromptId!, StatCounter.Done)], h.Stats.ReplyCounters);
    }

    [Fact]
    public async Task Done_BeforeTodaysNudge_SaysItIsStillComingAndCountsNothing()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        Assert.Equal(Texts.DoneBeforeNudge(), await h.TextAsync(Phone, "DONE"));
        Assert.Equal(0, (await h.SubscriberAsync(Phone))?.DoneCount);
        Assert.Empty(h.Stats.ReplyCounters);
    }

    [Fact]
    public async Task More_ThreeTimesInADay_TwoNewPromptsClaimedThenTheCap()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5));
        var daily = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));

        var first = await h.TextAsync(Phone, "MORE");
        var second = await h.TextAsync(Phone, "one more please");
        var third = await h.TextAsync(Phone, "MORE");

        var extra1 = await h.DeliveryAsync(Phone, HabitCommands.ExtraKey(Today, 1));
        var extra2 = await h.DeliveryAsync(Phone, HabitCommands.ExtraKey(Today, 2));
        Assert.Equal(3, new[] { daily?.PromptId, extra1?.PromptId, extra2?.PromptId }.Distinct().Count());
        var prompts = h.Get<IPromptStore>();
        Assert.Equal(ReplyTexts.More((await prompts.GetAsync(extra1!.PromptId!, TestContext.Current.CancellationToken))!.Value.Text), first);
        Assert.Equal(ReplyTexts.More((await prompts.GetAsync(extra2!.PromptId!, TestContext.Current.CancellationToken))!.Value.Text), second);
        Assert.Equal(Texts.MoreLimitReached(2), third);
        Assert.Equal([extra2.PromptId, extra1.PromptId, daily!.PromptId], (await h.SubscriberAsync(Phone))!.RecentPromptIds.Take(3));
        Assert.Equal(3, (await h.MessagesAsync(Phone)).Count(m => m.Kind == OutboundMessageKinds.Reply && m.Body is not null && (m.Body.StartsWith("Bonus", StringComparison.Ordinal) || m.Body == third)));
    }

    [Fact]
    public async Task Why_AfterTodaysNudge_AnswersItsWhyLine()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5));
        var nudge = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));
        var prompt = await h.Get<IPromptStore>().GetAsync(nudge!.PromptId!, TestContext.Current.CancellationToken);

        Assert.Equal(Texts.Why(prompt!.Value.Why), await h.TextAsync(Phone, "why?"));
    }

    [Fact]
    public async Task Why_NextMorningBeforeTheNudge_AnswersTheLastPromptsWhyLine()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.SendDueAtAsync(Start.AddHours(1).AddMinutes(5));
        var nudge = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));
        var prompt = await h.Get<IPromptStore>().GetAsync(nudge!.PromptId!, TestContext.Current.CancellationToken);
        h.Clock.SetUtcNow(Start.AddDays(1));

        Assert.Equal(Texts.Why(prompt!.Value.Why), await h.TextAsync(Phone, "WHY"));
    }

    [Fact]
    public async Task AmbiguousStopSentence_AnswersReplyStopAndChangesNothing()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var reply = await h.TextAsync(Phone, "I can't stop smiling after that hug");

        Assert.Equal(Texts.ReplyStopToUnsubscribe(), reply);
        Assert.Equal(SubscriberStatus.Active, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task UnknownText_AnsweredOnceADayThenSilence()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var first = await h.TextAsync(Phone, "Out of office until Monday");
        var second = await h.TextAsync(Phone, "Out of office until Monday");
        h.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await h.TextAsync(Phone, "lol");

        Assert.Equal(Texts.Unknown(), first);
        Assert.Null(second);
        Assert.Equal(Texts.Unknown(), nextDay);
    }

    [Fact]
    public async Task Command_FromUnknownNumber_NotSubscribedOnceADay()
    {
        await using var h = await ConversationHarness.StartAsync(Start);

        Assert.Equal(Texts.NotSubscribed(), await h.TextAsync(Phone, "PAUSE"));
        Assert.Null(await h.TextAsync(Phone, "hello?"));
        Assert.Null(await h.SubscriberAsync(Phone));
    }

    [Fact]
    public async Task Command_FromPendingSignup_AsksForYesFirst()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.SignUpAsync(Phone);

        Assert.Equal(Texts.ConfirmFirst(), await h.TextAsync(Phone, "TIME 7pm"));
        Assert.Equal(SubscriberStatus.Pending, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task Command_FromStoppedSubscriber_GetsNoAnswerAndChangesNothing()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);
        await h.TextAsync(Phone, "STOP");

        Assert.Null(await h.TextAsync(Phone, "PAUSE 3"));
        Assert.Null(await h.TextAsync(Phone, "what is this"));
        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
    }

    /// <summary>Nudges sent on each of <paramref name="days"/> days from <paramref name="first"/>, scanning at 09:05 and 12:00 local.</summary>
    private static async Task<int[]> DailySendsAsync(ConversationHarness h, DateOnly first, int days)
    {
        var sends = new int[days];
        for (var i = 0; i < days; i++)
        {
            var date = first.AddDays(i);
            sends[i] = await h.SendDueAtAsync(SendSchedule.ToUtc(NewYork, date, new TimeOnly(9, 5)))
                + await h.SendDueAtAsync(SendSchedule.ToUtc(NewYork, date, new TimeOnly(12, 0)));
        }

        return sends;
    }
}
