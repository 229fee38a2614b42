using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>PAUSE, TIME, WHY, MORE, DONE and HELP as a subscriber texts them, over real HTTP against the fake Twilio.</summary>
public sealed class ReplyCommandsEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 10);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly ReplyTexts Texts = new(Options.Create(new ProgramOptions { SupportContact = "help@example.org" }));
    private const string Phone = "+12125550123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pause3_AfterTodaysNudge_ThreeSilentDaysThenTextsAgain()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await JoinAsync(h);
        await h.ScanAtAsync(LocalUtc(Today, 9, 5));
        Assert.Single(h.MessagesTo(Phone));

        Assert.Equal(Texts.Paused(3, Today.AddDays(4)), await h.ReplyAsync(Phone, "PAUSE 3"));

        var perDay = new List<int>();
        for (var day = 1; day <= 5; day++)
        {
            var before = h.MessagesTo(Phone).Count;
            await h.ScanAtAsync(LocalUtc(Today.AddDays(day), 9, 5));
            await h.ScanAtAsync(LocalUtc(Today.AddDays(day), 14, 0));
            perDay.Add(h.MessagesTo(Phone).Count - before);
        }

        Assert.Equal([0, 0, 0, 1, 1], perDay);
    }

    [Fact]
    public async Task Time715pm_MovesTheNextNudgeTo1915Local()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await JoinAsync(h);

        Assert.Equal(Texts.TimeChanged(new TimeOnly(19, 15)), await h.ReplyAsync(Phone, "TIME 7:15pm"));

        Assert.Equal(LocalUtc(Today, 19, 15), (await h.SubscriberAsync(Phone))?.NextDueUtc);
        await h.ScanAtAsync(LocalUtc(Today, 9, 5));
        await h.ScanAtAsync(LocalUtc(Today, 19, 10));
        Assert.Empty(h.MessagesTo(Phone));
        await h.ScanAtAsync(LocalUtc(Today, 19, 15));
        var nudge = Assert.Single(h.MessagesTo(Phone));
        Assert.Equal(LocalUtc(Today, 19, 15), nudge.CreatedAt);
    }

    [Fact]
    public async Task WhyMoreDone_AfterTheNudge_AnswerAsSpecified()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await JoinAsync(h);
        await h.ScanAtAsync(LocalUtc(Today, 9, 5));
        var daily = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));
        var prompts = h.App.Services.GetRequiredService<IPromptStore>();
        var todays = (await prompts.GetAsync(daily!.PromptId!, Ct))!.Value;

        Assert.Equal(Texts.Why(todays.Why), await h.ReplyAsync(Phone, "WHY"));

        var more = await h.ReplyAsync(Phone, "MORE");
        var extra = await h.DeliveryAsync(Phone, HabitCommands.ExtraKey(Today, 1));
        Assert.NotEqual(daily.PromptId, extra?.PromptId);
        Assert.Equal(ReplyTexts.More((await prompts.GetAsync(extra!.PromptId!, Ct))!.Value.Text), more);
        Assert.StartsWith("Bonus: ", await h.ReplyAsync(Phone, "MORE"), StringComparison.Ordinal);
        Assert.Equal(Texts.MoreLimitReached(2), await h.ReplyAsync(Phone, "MORE"));
        Assert.Single(h.MessagesTo(Phone));

        Assert.Equal(Texts.Done(), await h.ReplyAsync(Phone, "Done!"));
        Assert.Equal(1, (await h.SubscriberAsync(Phone))?.DoneCount);
        Assert.Contains((Today, daily.PromptId!, StatCounter.Done), h.Stats.Increments);
    }

    [Fact]
    public async Task Help_AnyTime_ContainsStopAndTheProgramName()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);

        var help = await h.ReplyAsync(Phone, "HELP");

        Assert.Equal(Texts.Help(), help);
        Assert.Contains("STOP", help, StringComparison.Ordinal);
        Assert.StartsWith("Reminders:", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetriedWebhook_SameMessageSid_SameReplyAndAppliedOnce()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await JoinAsync(h);
        await h.ScanAtAsync(LocalUtc(Today, 9, 5));
        var sid = h.NextSid();

        var first = await h.TextAsync(Phone, "MORE", messageSid: sid);
        var retried = await h.TextAsync(Phone, "MORE", messageSid: sid);

        Assert.Equal(first, retried);
        Assert.Null(await h.DeliveryAsync(Phone, HabitCommands.ExtraKey(Today, 2)));
    }

    [Fact]
    public async Task TwilioHandledStop_OptOutTypeStop_StopsWithAnEmptyAnswer()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await JoinAsync(h);

        Assert.Empty(await h.TextAsync(Phone, "stop", optOutType: "STOP"));

        Assert.Equal(Reminders.Core.Subscribers.SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Theory]
    [InlineData("+14155550123", "America/Los_Angeles")]
    [InlineData("+12125550123", "America/New_York")]
    [InlineData("+18005550199", "America/New_York")]
    public async Task Yes_TextedInThroughSignedWebhook_TakesTheZoneOfTheNumber(string phone, string zone)
    {
        await using var h = await SmsAppHarness.StartAsync(Start);

        Assert.Equal(Texts.TextInWelcome(new TimeOnly(9, 0), zone), await h.ReplyAsync(phone, "YES"));

        var subscriber = await h.SubscriberAsync(phone);
        Assert.Equal((Reminders.Core.Subscribers.SubscriberStatus.Active, zone), (subscriber?.Status, subscriber?.TimeZoneId));
    }

    /// <summary>A text-in JOIN before 09:00 local: active with the default 09:00 New York schedule.</summary>
    private static async Task JoinAsync(SmsAppHarness h)
    {
        Assert.Equal(Texts.TextInWelcome(new TimeOnly(9, 0), "America/New_York"), await h.ReplyAsync(Phone, "JOIN"));
        Assert.Equal(Reminders.Core.Subscribers.SubscriberStatus.Active, (await h.SubscriberAsync(Phone))?.Status);
    }

    private static DateTimeOffset LocalUtc(DateOnly date, int hour, int minute) => SendSchedule.ToUtc(NewYork, date, new TimeOnly(hour, minute));
}
