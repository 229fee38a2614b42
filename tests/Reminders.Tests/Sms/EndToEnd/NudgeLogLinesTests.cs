using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Reminders.Core.Scheduling;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>
/// A nudge costs at most one Information line: the app as configured (appsettings.json filters), Twilio over HTTP
/// (the fake), a batch of N nudges; the per-text lines are Debug and the batch and scan have their summaries.
/// </summary>
public sealed class NudgeLogLinesTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private const int Nudges = 20;

    [Fact]
    public async Task DailySend_BatchOfTwentyNudges_AtMostOneInformationLineEach()
    {
        var logs = new CapturingLoggerProvider();
        await using var h = await SmsAppHarness.StartAsync(Start, configure: b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var phones = Enumerable.Range(0, Nudges).Select(i => "+1212555" + (2000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var phone in phones)
        {
            await h.ReplyAsync(phone, "JOIN");
        }

        var before = logs.Lines.Count;
        var textsBefore = phones.Sum(p => h.MessagesTo(p).Count);
        await h.ScanAtAsync(SendSchedule.ToUtc(NewYork, new DateOnly(2026, 6, 10), new TimeOnly(9, 0)));
        var lines = logs.Lines.Skip(before).ToList();

        Assert.Equal(textsBefore + Nudges, phones.Sum(p => h.MessagesTo(p).Count));
        var information = lines.Where(l => l.Level >= LogLevel.Information).ToList();
        Assert.True(information.Count <= Nudges + 3, string.Join(Environment.NewLine, information));
        // Not one line per nudge either: the batch and the scan are summarised.
        Assert.True(information.Count <= 5, string.Join(Environment.NewLine, information));
        Assert.DoesNotContain(information, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }
}
