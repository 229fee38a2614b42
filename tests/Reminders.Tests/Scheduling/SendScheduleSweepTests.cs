using Reminders.Core.Scheduling;

namespace Reminders.Tests.Scheduling;

public sealed class SendScheduleSweepTests
{
    private static readonly DateTimeOffset YearStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset YearEnd = new(2027, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly LastDay = new(2026, 12, 31);

    // Zone -> number of UTC-offset changes in 2026 (from the IANA data; proves the sweep crosses real DST days).
    private static readonly Dictionary<string, int> Zones = new(StringComparer.Ordinal)
    {
        ["America/New_York"] = 2,
        ["Europe/London"] = 2,
        ["Asia/Kolkata"] = 0,
        ["Australia/Lord_Howe"] = 2, // 30-minute DST shift
        ["Pacific/Chatham"] = 2, // +12:45 / +13:45, changes at 02:45 / 03:45
        ["America/Los_Angeles"] = 2,
        ["Asia/Tokyo"] = 0,
        ["America/St_Johns"] = 2, // -03:30 / -02:30
        ["Asia/Kathmandu"] = 0, // +05:45
        ["America/Santiago"] = 2, // changes at local midnight
        ["Europe/Dublin"] = 2, // "negative" DST in the source data
        ["Antarctica/Troll"] = 2, // two-hour DST shift
        ["Africa/Casablanca"] = 2, // Ramadan: one hour back in February, forward in March
        ["Pacific/Kiritimati"] = 0, // +14: local date a day ahead of UTC
        ["Pacific/Pago_Pago"] = 0, // -11: local date a day behind UTC
        ["Australia/Adelaide"] = 2, // +09:30 / +10:30
        ["America/Havana"] = 2, // changes at local midnight
    };

    private static readonly TimeOnly[] DeliverableSendTimes =
        [new(8, 0), new(8, 30), new(12, 15), new(19, 45), new(19, 55)];

    public static TheoryData<string, TimeOnly> ZonesAndSendTimes
    {
        get
        {
            var data = new TheoryData<string, TimeOnly>();
            foreach (var zone in Zones.Keys)
            {
                foreach (var time in DeliverableSendTimes)
                {
                    data.Add(zone, time);
                }
            }

            return data;
        }
    }

    public static TheoryData<string> ZoneIds => [.. Zones.Keys];

    [Theory]
    [MemberData(nameof(ZonesAndSendTimes))]
    public void Year2026_DeliverableSendTime_ExactlyOneNudgePerLocalDayInsideQuietHours(string zoneId, TimeOnly sendAt)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var options = new DeliveryOptions();
        Assert.True(SendSchedule.IsDeliverableSendTime(sendAt, options, DailySendSimulation.ScanInterval));

        var result = DailySendSimulation.Run(zone, sendAt, YearStart, YearEnd, options);

        Assert.Empty(result.DoubleClaims);
        Assert.Empty(result.Skips);
        Assert.All(result.Sends, send =>
        {
            var local = SendSchedule.LocalTime(zone, send.SentAt);
            Assert.True(options.IsWithinQuietHours(local), $"sent at {local} local on {send.ClaimedLocalDate}");
            Assert.Equal(sendAt, local);
            Assert.Equal(send.DueLocalDate, send.ClaimedLocalDate);
            Assert.InRange(send.SentAt - send.Due, TimeSpan.Zero, DailySendSimulation.ScanInterval - TimeSpan.FromTicks(1));
        });

        var firstLocalDay = SendSchedule.LocalDate(zone, YearStart);
        var expectedDays = EachDay(firstLocalDay.AddDays(1), LastDay).ToList();
        var sentDays = result.Sends.Select(s => s.ClaimedLocalDate).Where(d => d > firstLocalDay && d <= LastDay).ToList();
        Assert.Equal(expectedDays, sentDays);
        Assert.Subset(sentDays.ToHashSet(), OffsetChangeDays(zone).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(ZoneIds))]
    public void Year2026_Zone_CrossesExpectedNumberOfOffsetChanges(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var changes = OffsetChangeDays(zone).Count();

        Assert.Equal(Zones[zoneId], changes);
    }

    [Theory]
    [MemberData(nameof(ZoneIds))]
    public void Year2026_SendTimeInLastScanBeforeQuietHoursEnd_NeverSentAndNeverOutsideQuietHours(string zoneId)
    {
        // 19:59 is inside quiet hours, but the first scan to see it runs at 20:00 local, when sending is no
        // longer allowed: it is skipped every day. Such a time must be refused when it is set (see IsDeliverableSendTime).
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var sendAt = new TimeOnly(19, 59);
        var options = new DeliveryOptions();

        var result = DailySendSimulation.Run(zone, sendAt, YearStart, YearEnd, options);

        Assert.False(SendSchedule.IsDeliverableSendTime(sendAt, options, DailySendSimulation.ScanInterval));
        Assert.Empty(result.Sends);
        Assert.Empty(result.DoubleClaims);
        Assert.All(result.Skips, skip => Assert.Equal(SendDecision.QuietHours, skip.Decision));
        Assert.Equal(result.DueInstants, result.Skips.Count);
        Assert.InRange(result.DueInstants, 365, 367);
    }

    [Fact]
    public void Run_OutageShorterThanMaxLateness_SendsLateOnceThatDay()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var down = (Start: new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.FromHours(-4)), End: new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.FromHours(-4)));

        var result = DailySendSimulation.Run(
            zone, new TimeOnly(8, 0), YearStart, YearEnd, new DeliveryOptions(), at => at >= down.Start && at < down.End);

        var july1 = Assert.Single(result.Sends, s => s.ClaimedLocalDate == new DateOnly(2026, 7, 1));
        Assert.Equal(down.End, july1.SentAt);
        Assert.Empty(result.Skips);
        Assert.Empty(result.DoubleClaims);
    }

    [Fact]
    public void Run_OutageLongerThanMaxLateness_SkipsThatDayOnlyAndNeverSendsStale()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var down = (Start: new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.FromHours(1)), End: new DateTimeOffset(2026, 3, 29, 11, 0, 0, TimeSpan.FromHours(1)));

        var result = DailySendSimulation.Run(
            zone, new TimeOnly(8, 0), YearStart, YearEnd, new DeliveryOptions(), at => at >= down.Start && at < down.End);

        var skip = Assert.Single(result.Skips);
        Assert.Equal((new DateOnly(2026, 3, 29), SendDecision.TooLate), (skip.DueLocalDate, skip.Decision));
        Assert.DoesNotContain(result.Sends, s => s.ClaimedLocalDate == new DateOnly(2026, 3, 29));
        Assert.Contains(result.Sends, s => s.ClaimedLocalDate == new DateOnly(2026, 3, 30));
        Assert.All(result.Sends, s => Assert.True(s.SentAt - s.Due <= TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Run_OutageUntilAfterQuietHoursEnd_SkipsInsteadOfTextingAtNight()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var offset = TimeSpan.FromHours(5.5);
        var down = (Start: new DateTimeOffset(2026, 5, 10, 19, 0, 0, offset), End: new DateTimeOffset(2026, 5, 10, 20, 5, 0, offset));

        var result = DailySendSimulation.Run(
            zone, new TimeOnly(19, 30), YearStart, YearEnd, new DeliveryOptions(), at => at >= down.Start && at < down.End);

        var skip = Assert.Single(result.Skips);
        Assert.Equal((new DateOnly(2026, 5, 10), SendDecision.QuietHours), (skip.DueLocalDate, skip.Decision));
        Assert.Equal(new DateTimeOffset(2026, 5, 10, 20, 5, 0, offset), skip.ScannedAt);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00.0000001Z", "2026-01-01T00:05:00Z")]
    [InlineData("2026-01-01T13:04:59Z", "2026-01-01T13:05:00Z")]
    [InlineData("2026-01-01T23:59:00+05:45", "2026-01-01T18:15:00Z")]
    public void FirstScanAtOrAfter_Instant_RoundsUpToFiveMinutes(string due, string expected)
    {
        var scan = DailySendSimulation.FirstScanAtOrAfter(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), scan);
    }

    private static IEnumerable<DateOnly> EachDay(DateOnly first, DateOnly last)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static IEnumerable<DateOnly> OffsetChangeDays(TimeZoneInfo zone) =>
        EachDay(new DateOnly(2026, 1, 1), LastDay).Where(day =>
            zone.GetUtcOffset(day.ToDateTime(new TimeOnly(12, 0))) != zone.GetUtcOffset(day.AddDays(-1).ToDateTime(new TimeOnly(12, 0))));
}
