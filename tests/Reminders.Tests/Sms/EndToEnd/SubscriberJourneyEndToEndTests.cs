using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>One subscriber's whole life over real HTTP against the fake Twilio, on the manual clock.</summary>
public sealed class SubscriberJourneyEndToEndTests
{
    // 2026-06-10 12:00 UTC is 08:00 in New York (EDT, UTC-4).
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 10);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly ReplyTexts Texts = new(Options.Create(new ProgramOptions()));
    private const string Phone = "+12125550123";

    [Fact]
    public async Task Journey_SignupYesNudgeDeliveredStopSilenceStart_EachStepAtTheFake()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);

        // Signup: pending, one confirmation text at the fake.
        await h.SignUpAsync(Phone, sendAt: "09:30");
        var confirmation = Assert.Single(h.MessagesTo(Phone));
        Assert.Equal(Texts.ConfirmationRequest(), confirmation.Body);
        Assert.Equal(SubscriberStatus.Pending, (await h.SubscriberAsync(Phone))?.Status);

        // Signed YES: active, confirmed by TwiML.
        Assert.Equal(Texts.Confirmed(new TimeOnly(9, 30), "America/New_York"), await h.ReplyAsync(Phone, "YES"));
        Assert.Equal(SubscriberStatus.Active, (await h.SubscriberAsync(Phone))?.Status);

        // Before the send time nothing; at 09:30 local exactly one nudge, sent the way Twilio wants it.
        await h.ScanAtAsync(LocalUtc(Today, 9, 25));
        Assert.Single(h.MessagesTo(Phone));
        await h.ScanAtAsync(LocalUtc(Today, 9, 30));
        await h.ScanAtAsync(LocalUtc(Today, 9, 35));
        var nudge = Assert.Single(h.MessagesTo(Phone).Skip(1));
        var request = Assert.Single(h.Twilio.Requests, r => r.Form.GetValueOrDefault("Body") == nudge.Body);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{h.Twilio.AccountSid}:{h.Twilio.AuthToken}"));
        Assert.Equal(new AuthenticationHeaderValue("Basic", basic).ToString(), request.Authorization);
        Assert.Equal(FakeTwilioServer.DefaultFrom, nudge.From);
        var delivery = await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today));
        Assert.Equal(DeliveryStatus.Accepted, delivery?.Status);
        Assert.Equal(nudge.Sid, delivery?.ProviderMessageId);
        // The first nudge names the program and says how to stop.
        Assert.Equal($"Reminders: {await PromptTextAsync(h, delivery!.PromptId!)} Reply STOP to end.", nudge.Body);
        Assert.Equal($"{SmsAppHarness.WebhookBaseUrl}/api/sms/status?phone=%2B12125550123&delivery=2026-06-10", nudge.StatusCallback);

        // Signed delivered callback: recorded.
        await h.StatusAsync(nudge, "delivered");
        Assert.Equal(DeliveryStatus.Delivered, (await h.DeliveryAsync(Phone, delivery.Key))?.Status);
        Assert.Contains((Today, delivery.PromptId!, Reminders.Core.Storage.StatCounter.Delivered), h.Stats.Increments);

        // STOP: stopped at once, one confirmation, then nothing for seven days.
        Assert.Equal(Texts.StopConfirmation(), await h.ReplyAsync(Phone, "STOP"));
        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
        var sentBeforeStop = h.Twilio.Messages.Count;
        for (var day = 1; day <= 7; day++)
        {
            await h.ScanAtAsync(LocalUtc(Today.AddDays(day), 9, 35));
            await h.ScanAtAsync(LocalUtc(Today.AddDays(day), 15, 0));
        }

        Assert.Equal(sentBeforeStop, h.Twilio.Messages.Count);

        // START on day 8 before the send time: texts resume that day.
        h.Clock.SetUtcNow(LocalUtc(Today.AddDays(8), 8, 0));
        Assert.Equal(Texts.Resubscribed(new TimeOnly(9, 30)), await h.ReplyAsync(Phone, "START"));
        await h.ScanAtAsync(LocalUtc(Today.AddDays(8), 9, 35));
        Assert.Equal(sentBeforeStop + 1, h.Twilio.Messages.Count);
        Assert.NotNull(await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today.AddDays(8))));
        Assert.Equal(
            [ConsentEventKinds.Activated, ConsentEventKinds.Stopped, ConsentEventKinds.Confirmed, ConsentEventKinds.SignedUp],
            (await h.ConsentAsync(Phone)).Select(e => e.Kind));
    }

    private static DateTimeOffset LocalUtc(DateOnly date, int hour, int minute) => SendSchedule.ToUtc(NewYork, date, new TimeOnly(hour, minute));

    private static async Task<string> PromptTextAsync(SmsAppHarness h, string id) =>
        (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Reminders.Core.Storage.IPromptStore>(h.App.Services)
            .GetAsync(id, TestContext.Current.CancellationToken))!.Value.Text;
}
