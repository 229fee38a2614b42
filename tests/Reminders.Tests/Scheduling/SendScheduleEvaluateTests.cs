using Reminders.Core.Scheduling;
using static Reminders.Tests.Scheduling.SendScheduleToUtcTests;

namespace Reminders.Tests.Scheduling;

public sealed class SendScheduleEvaluateTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    // Due 09:00 EDT = 13:00Z.
    [InlineData("2026-06-15T13:00:00Z", "2026-06-15T12:59:59Z", SendDecision.NotYetDue)]
    [InlineData("2026-06-15T13:00:00Z", "2026-06-15T13:00:00Z", SendDecision.Send)]
    [InlineData("2026-06-15T13:00:00Z", "2026-06-15T13:05:00Z", SendDecision.Send)]
    [InlineData("2026-06-15T13:00:00Z", "2026-06-15T15:00:00Z", SendDecision.Send)]
    [InlineData("2026-06-15T13:00:00Z", "2026-06-15T15:00:01Z", SendDecision.TooLate)]
    [InlineData("2026-06-15T13:00:00Z", "2026-06-16T13:00:00Z", SendDecision.TooLate)]
    // Due 07:30 EDT, before quiet hours end: held until 08:00, then sent within the lateness window.
    [InlineData("2026-06-15T11:30:00Z", "2026-06-15T11:30:00Z", SendDecision.QuietHours)]
    [InlineData("2026-06-15T11:30:00Z", "2026-06-15T11:59:59Z", SendDecision.QuietHours)]
    [InlineData("2026-06-15T11:30:00Z", "2026-06-15T12:00:00Z", SendDecision.Send)]
    // Due 19:50 EDT: 19:59:59 is inside quiet hours, 20:00 is not.
    [InlineData("2026-06-15T23:50:00Z", "2026-06-15T23:59:59Z", SendDecision.Send)]
    [InlineData("2026-06-15T23:50:00Z", "2026-06-16T00:00:00Z", SendDecision.QuietHours)]
    [InlineData("2026-06-15T23:50:00Z", "2026-06-16T01:00:00Z", SendDecision.QuietHours)]
    // Too late wins when both apply.
    [InlineData("2026-06-15T22:00:00Z", "2026-06-16T01:00:00Z", SendDecision.TooLate)]
    // Spring-forward day: 08:00 EDT = 12:00Z.
    [InlineData("2026-03-08T12:00:00Z", "2026-03-08T11:59:59Z", SendDecision.NotYetDue)]
    [InlineData("2026-03-08T12:00:00Z", "2026-03-08T12:00:00Z", SendDecision.Send)]
    public void Evaluate_DefaultOptions_Decides(string due, string now, SendDecision expected)
    {
        var decision = SendSchedule.Evaluate(NewYork, Instant(due), Instant(now), new DeliveryOptions());

        Assert.Equal(expected, decision);
    }

    [Theory]
    [InlineData("Asia/Tokyo", "2026-06-30T23:00:00Z", SendDecision.Send)] // 08:00 local although 23:00 UTC
    [InlineData("Asia/Tokyo", "2026-06-30T22:59:59Z", SendDecision.QuietHours)] // 07:59:59 local
    [InlineData("Pacific/Kiritimati", "2026-06-15T06:00:00Z", SendDecision.QuietHours)] // 20:00 local
    [InlineData("Pacific/Chatham", "2026-06-14T19:15:00Z", SendDecision.Send)] // 08:00 local (+12:45)
    [InlineData("Asia/Kathmandu", "2026-06-15T14:15:00Z", SendDecision.QuietHours)] // 20:00 local (+05:45)
    public void Evaluate_QuietHours_AreRecipientLocal(string zoneId, string now, SendDecision expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var nowInstant = Instant(now);

        var decision = SendSchedule.Evaluate(zone, nowInstant - TimeSpan.FromMinutes(1), nowInstant, new DeliveryOptions());

        Assert.Equal(expected, decision);
    }

    [Theory]
    [InlineData(30, 30, SendDecision.Send)]
    [InlineData(30, 31, SendDecision.TooLate)]
    [InlineData(360, 300, SendDecision.Send)]
    public void Evaluate_CustomMaxLateness_IsHonoured(int maxLatenessMinutes, int lateMinutes, SendDecision expected)
    {
        var options = new DeliveryOptions { MaxLateness = TimeSpan.FromMinutes(maxLatenessMinutes) };
        var due = Instant("2026-06-15T13:00:00Z");

        var decision = SendSchedule.Evaluate(NewYork, due, due + TimeSpan.FromMinutes(lateMinutes), options);

        Assert.Equal(expected, decision);
    }

    [Theory]
    [InlineData("2026-06-15T13:00:00Z", SendDecision.QuietHours)] // 09:00 local, before 10:00
    [InlineData("2026-06-15T14:00:00Z", SendDecision.Send)] // 10:00
    [InlineData("2026-06-15T19:59:59Z", SendDecision.Send)] // 15:59:59
    [InlineData("2026-06-15T20:00:00Z", SendDecision.QuietHours)] // 16:00
    public void Evaluate_CustomQuietHours_AreHonoured(string now, SendDecision expected)
    {
        var options = new DeliveryOptions
        {
            QuietHoursStart = new TimeOnly(10, 0),
            QuietHoursEnd = new TimeOnly(16, 0),
            MaxLateness = TimeSpan.FromHours(12),
        };

        var decision = SendSchedule.Evaluate(NewYork, Instant("2026-06-15T12:00:00Z"), Instant(now), options);

        Assert.Equal(expected, decision);
    }

    [Fact]
    public void Evaluate_NullOptions_Throws()
    {
        var error = Assert.Throws<ArgumentNullException>(() => SendSchedule.Evaluate(NewYork, Instant("2026-06-15T13:00:00Z"), Instant("2026-06-15T13:00:00Z"), null!));

        Assert.Equal("options", error.ParamName);
    }

    [Theory]
    [InlineData("08:00", true)]
    [InlineData("07:59", false)]
    [InlineData("12:17", true)]
    [InlineData("19:55", true)]
    [InlineData("19:55:01", false)]
    [InlineData("19:59", false)]
    [InlineData("20:00", false)]
    [InlineData("23:30", false)]
    public void IsDeliverableSendTime_DefaultOptionsFiveMinuteScan_AllowsUpTo1955(string sendAt, bool expected)
    {
        var deliverable = SendSchedule.IsDeliverableSendTime(
            TimeOnly.Parse(sendAt, System.Globalization.CultureInfo.InvariantCulture), new DeliveryOptions(), TimeSpan.FromMinutes(5));

        Assert.Equal(expected, deliverable);
    }

    [Fact]
    public void IsDeliverableSendTime_NonPositiveScanInterval_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SendSchedule.IsDeliverableSendTime(new TimeOnly(9, 0), new DeliveryOptions(), TimeSpan.Zero));

        Assert.Equal("scanInterval", error.ParamName);
    }
}
