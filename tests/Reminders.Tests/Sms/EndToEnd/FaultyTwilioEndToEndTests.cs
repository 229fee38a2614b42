using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>The daily send against a Twilio that fails 30 % of requests (429, 500, 503 and hangs, seeded).</summary>
public sealed class FaultyTwilioEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 10);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private const int Subscribers = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public async Task DailySend_ThirtyPercentFaults_AtMostOneNudgeADayAndEveryOneSentOrRecordedWithItsReason(int seed)
    {
        // One send at a time: the harness moves one manual clock over a hung request's timeout, and with concurrent
        // sends that also expires a neighbour whose text the fake had already taken. The app then rightly records
        // `unknown`, but this test could no longer say "nothing at the fake" for an unknown day. The fault suite and the
        // Azurite restart scenario cover concurrent sends.
        await using var h = await SmsAppHarness.StartAsync(Start, configure: b => b.UseSetting("Delivery:SendConcurrency", "1"));
        var phones = Enumerable.Range(0, Subscribers).Select(i => "+1212555" + (1000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var phone in phones)
        {
            await h.ReplyAsync(phone, "JOIN");
        }

        h.Twilio.FailRandomly(0.3, seed, FakeTwilioFault.TooManyRequests, FakeTwilioFault.InternalServerError, FakeTwilioFault.ServiceUnavailable, FakeTwilioFault.Hang);
        for (var day = 0; day < 2; day++)
        {
            var date = Today.AddDays(day);
            await h.ScanAtAsync(LocalUtc(date, 9, 0));
            await h.ScanAtAsync(LocalUtc(date, 9, 5));
            await h.ScanAtAsync(LocalUtc(date, 10, 0));

            // A redelivered queue message for everyone must not send again.
            var redelivered = new NudgeBatch([.. phones.Select(p => new NudgeItem(p, LocalUtc(date, 9, 0)))]);
            var again = await h.PumpAsync(() => h.App.Services.GetRequiredService<BatchSender>().SendAsync(redelivered, Ct));
            Assert.Equal(0, again.Sent);
        }

        var outcomes = new List<DeliveryStatus>();
        foreach (var phone in phones)
        {
            var messages = h.MessagesTo(phone);
            var log = await h.App.Services.GetRequiredService<IMessageLog>().ListAsync(PhoneNumber.FromE164(phone), 100, Ct);
            for (var day = 0; day < 2; day++)
            {
                var date = Today.AddDays(day);
                var delivery = await h.DeliveryAsync(phone, DeliveryRecord.DailyKey(date));
                Assert.NotNull(delivery);
                var atFake = messages.Where(m => SendSchedule.LocalDate(NewYork, m.CreatedAt) == date).ToList();
                Assert.True(atFake.Count <= 1, $"{phone} got {atFake.Count} nudges on {date}");
                Assert.True(log.Count(m => m.Kind == OutboundMessageKinds.Nudge && SendSchedule.LocalDate(NewYork, m.At) == date) <= 1);
                outcomes.Add(delivery.Status);
                switch (delivery.Status)
                {
                    case DeliveryStatus.Accepted:
                        Assert.Equal(Assert.Single(atFake).Sid, delivery.ProviderMessageId);
                        break;
                    case DeliveryStatus.Unknown or DeliveryStatus.Failed:
                        Assert.Empty(atFake);
                        Assert.False(string.IsNullOrWhiteSpace(delivery.Detail), $"{phone} {date}: {delivery.Status} without a reason");
                        break;
                    default:
                        Assert.Fail($"{phone} {date}: unexpected status {delivery.Status} ({delivery.Detail})");
                        break;
                }
            }
        }

        // The faults really happened, retries really helped, and most texts went out.
        Assert.Contains(h.Twilio.Requests, r => r.Fault == FakeTwilioFault.Hang);
        Assert.Contains(h.Twilio.Requests, r => r.Fault is FakeTwilioFault.TooManyRequests or FakeTwilioFault.ServiceUnavailable);
        Assert.Contains(outcomes, s => s != DeliveryStatus.Accepted);
        Assert.True(outcomes.Count(s => s == DeliveryStatus.Accepted) >= Subscribers, string.Join(", ", outcomes));
    }

    private static DateTimeOffset LocalUtc(DateOnly date, int hour, int minute) => SendSchedule.ToUtc(NewYork, date, new TimeOnly(hour, minute));
}
