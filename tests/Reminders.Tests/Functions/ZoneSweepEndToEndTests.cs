using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Functions;

/// <summary>
/// The whole pipeline (index, scan, queue, claim, send) across the 2026 DST changes of several zones, with the
/// clock jumping from one 5-minute timer tick to the next tick at which someone is due.
/// </summary>
public sealed class ZoneSweepEndToEndTests
{
    private static readonly string[] Zones =
        ["America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"];

    private static readonly string[] SendTimes = ["08:00", "12:15", "19:45"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2026-03-04", "2026-04-09")] // US, EU spring forward; Lord Howe and Chatham fall back (Apr 5)
    [InlineData("2026-09-22", "2026-11-04")] // Lord Howe and Chatham spring forward (Sep 27); EU, US fall back
    public async Task DailyNudges_AcrossDstChanges_OnePerLocalDayInsideQuietHours(string from, string to)
    {
        var start = new DateTimeOffset(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.MinValue, TimeSpan.Zero);
        var end = new DateTimeOffset(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.MinValue, TimeSpan.Zero);
        await using var app = new RemindersAppFactory(start);
        var driver = new AppDriver(app);
        var subscribers = new List<(string Phone, string Zone, TimeOnly SendAt)>();
        var n = 0;
        foreach (var zone in Zones)
        {
            foreach (var sendAt in SendTimes)
            {
                var phone = $"+1212555{n++:D4}";
                await driver.SignUpAsync(phone, zone, sendAt);
                await driver.ActivateAsync(phone);
                subscribers.Add((phone, zone, TimeOnly.Parse(sendAt, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var index = app.Services.GetRequiredService<IScheduleIndex>();
        while (true)
        {
            var upcoming = await index.ReadDueAsync(app.Time.GetUtcNow(), end, Ct);
            if (upcoming.Count == 0)
            {
                break;
            }

            app.Time.SetUtcNow(NextTick(upcoming.Min(e => e.DueUtc)));
            await driver.ScanAsync();
        }

        var log = app.Services.GetRequiredService<IMessageLog>();
        foreach (var (phone, zoneId, sendAt) in subscribers)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var nudges = (await log.ListAsync(PhoneNumber.FromE164(phone), 500, Ct)).Where(m => m.Kind == "nudge").ToList();
            var localTimes = nudges.Select(m => TimeZoneInfo.ConvertTime(m.At, zone)).ToList();
            Assert.All(localTimes, t => Assert.InRange(TimeOnly.FromDateTime(t.DateTime), new TimeOnly(8, 0), new TimeOnly(19, 59, 59)));
            var dates = localTimes.Select(t => DateOnly.FromDateTime(t.DateTime)).ToList();
            Assert.Equal(dates.Count, dates.Distinct().Count());

            // Every local day strictly inside the window has its nudge, and every nudge arrives within ten minutes of the chosen time.
            var first = SendSchedule.LocalDate(zone, start).AddDays(1);
            var last = SendSchedule.LocalDate(zone, end).AddDays(-1);
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                Assert.Contains(day, dates);
            }

            Assert.All(localTimes, t => Assert.InRange((TimeOnly.FromDateTime(t.DateTime) - sendAt).TotalMinutes, 0, 10));
        }
    }

    private static DateTimeOffset NextTick(DateTimeOffset due)
    {
        var ticks = TimeSpan.FromMinutes(5).Ticks;
        var rounded = (due.UtcTicks + ticks - 1) / ticks * ticks;
        return new DateTimeOffset(rounded, TimeSpan.Zero);
    }
}
