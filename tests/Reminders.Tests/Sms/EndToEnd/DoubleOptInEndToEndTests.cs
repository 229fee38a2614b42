using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>Double opt-in against the fake Twilio: the confirmation text, its daily resend limit, and what repeat signups never do.</summary>
public sealed class DoubleOptInEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 14, 0, 0, TimeSpan.Zero);
    private static readonly ReplyTexts Texts = new(Options.Create(new ProgramOptions { SupportContact = "help@example.org" }));
    private const string Phone = "+12125550123";

    [Fact]
    public async Task Signup_Repeated_ConfirmationAtMostOnceADayAndOnlyYesActivates()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);

        await h.SignUpAsync(Phone);
        await h.SignUpAsync(Phone);
        h.Clock.Advance(TimeSpan.FromHours(5));
        await h.SignUpAsync(Phone);
        Assert.Single(h.MessagesTo(Phone));

        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.SignUpAsync(Phone);
        await h.SignUpAsync(Phone);
        Assert.Equal(2, h.MessagesTo(Phone).Count);
        Assert.All(h.MessagesTo(Phone), m => Assert.Equal(Texts.ConfirmationRequest(), m.Body));
        Assert.Equal(SubscriberStatus.Pending, (await h.SubscriberAsync(Phone))?.Status);

        var confirmation = h.MessagesTo(Phone)[0].Body;
        Assert.Contains("YES", confirmation, StringComparison.Ordinal);
        Assert.Contains("1 msg/day", confirmation, StringComparison.Ordinal);
        Assert.Contains("HELP", confirmation, StringComparison.Ordinal);
        Assert.Contains("STOP", confirmation, StringComparison.Ordinal);
        Assert.Contains("Msg&data rates may apply", confirmation, StringComparison.Ordinal);
        Assert.StartsWith("Reminders:", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signup_AfterYes_NeverDemotesAndSendsNoConfirmation()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await h.SignUpAsync(Phone);
        await h.ReplyAsync(Phone, "YES");

        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.SignUpAsync(Phone, sendAt: "18:00");

        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal((SubscriberStatus.Active, new TimeOnly(9, 0)), (subscriber?.Status, subscriber?.SendAt));
        Assert.Single(h.MessagesTo(Phone));
    }

    [Fact]
    public async Task Signup_AfterStop_NeverReactivatesAndSendsNothing()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await h.SignUpAsync(Phone);
        await h.ReplyAsync(Phone, "YES");
        await h.ReplyAsync(Phone, "STOP");

        await h.SignUpAsync(Phone);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.SignUpAsync(Phone);

        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
        Assert.Single(h.MessagesTo(Phone));
    }

    [Fact]
    public async Task PendingSignup_AnythingButYes_DoesNotActivate()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await h.SignUpAsync(Phone);

        Assert.Equal(Texts.ConfirmFirst(), await h.ReplyAsync(Phone, "ok sure"));
        Assert.Equal(Texts.Help(), await h.ReplyAsync(Phone, "HELP"));

        Assert.Equal(SubscriberStatus.Pending, (await h.SubscriberAsync(Phone))?.Status);
    }
}
