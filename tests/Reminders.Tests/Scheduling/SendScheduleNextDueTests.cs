using System.Globalization;
using Reminders.Core.Scheduling;
using static Reminders.Tests.Scheduling.SendScheduleToUtcTests;

namespace Reminders.Tests.Scheduling;

public sealed class SendScheduleNextDueTests
{
    [Theory]
    // notBefore before today's send time: today.
    [InlineData("America/New_York", "09:00", null, "2026-06-15T12:00:00Z", "2026-06-15T13:00:00Z")]
    // notBefore exactly at today's send time: today (inclusive).
    [InlineData("America/New_York", "09:00", null, "2026-06-15T13:00:00Z", "2026-06-15T13:00:00Z")]
    // notBefore one second after: tomorrow.
    [InlineData("America/New_York", "09:00", null, "2026-06-15T13:00:01Z", "2026-06-16T13:00:00Z")]
    // Already sent today: tomorrow, even though today's time has not come yet.
    [InlineData("America/New_York", "09:00", "2026-06-15", "2026-06-15T12:00:00Z", "2026-06-16T13:00:00Z")]
    // Last send long ago: the earliest time from notBefore.
    [InlineData("America/New_York", "09:00", "2026-01-02", "2026-06-15T12:00:00Z", "2026-06-15T13:00:00Z")]
    // Last send yesterday: today.
    [InlineData("America/New_York", "09:00", "2026-06-14", "2026-06-15T12:00:00Z", "2026-06-15T13:00:00Z")]
    // Last send date in the future (clock moved back): the day after it.
    [InlineData("America/New_York", "09:00", "2026-06-20", "2026-06-15T12:00:00Z", "2026-06-21T13:00:00Z")]
    // Local midnight: one second before it, the next send is the next local day's.
    [InlineData("Asia/Tokyo", "08:00", "2026-06-30", "2026-06-30T14:59:59Z", "2026-06-30T23:00:00Z")]
    [InlineData("Asia/Tokyo", "08:00", null, "2026-06-30T15:00:00Z", "2026-06-30T23:00:00Z")]
    // A send time of 00:00 at exactly local midnight is due then; a second later, the next night.
    [InlineData("America/New_York", "00:00", null, "2026-06-15T04:00:00Z", "2026-06-15T04:00:00Z")]
    [InlineData("America/New_York", "00:00", "2026-06-15", "2026-06-15T04:00:01Z", "2026-06-16T04:00:00Z")]
    // The local date differs from the UTC date.
    [InlineData("Pacific/Kiritimati", "09:00", null, "2026-06-15T12:00:00Z", "2026-06-15T19:00:00Z")]
    [InlineData("Pacific/Kiritimati", "09:00", "2026-06-16", "2026-06-15T12:00:00Z", "2026-06-16T19:00:00Z")]
    [InlineData("Pacific/Pago_Pago", "09:00", "2026-06-14", "2026-06-15T05:00:00Z", "2026-06-15T20:00:00Z")]
    // Leap day: 2028-02-29 exists, 2026-02-29 does not.
    [InlineData("America/New_York", "09:00", "2028-02-28", "2028-02-28T14:00:01Z", "2028-02-29T14:00:00Z")]
    [InlineData("America/New_York", "09:00", "2028-02-29", "2028-02-29T14:00:01Z", "2028-03-01T14:00:00Z")]
    [InlineData("America/New_York", "09:00", "2026-02-28", "2026-02-28T14:00:01Z", "2026-03-01T14:00:00Z")]
    // Year end.
    [InlineData("Europe/London", "08:00", "2026-12-31", "2026-12-31T08:00:01Z", "2027-01-01T08:00:00Z")]
    // DST: the day after spring forward the local time stays 09:00; the UTC hour moves.
    [InlineData("America/New_York", "09:00", "2026-03-07", "2026-03-07T14:00:01Z", "2026-03-08T13:00:00Z")]
    [InlineData("America/New_York", "09:00", "2026-10-31", "2026-10-31T13:00:01Z", "2026-11-01T14:00:00Z")]
    // A send time in the gap moves forward on that day only.
    [InlineData("America/New_York", "02:30", "2026-03-07", "2026-03-07T07:30:01Z", "2026-03-08T07:30:00Z")]
    [InlineData("America/New_York", "02:30", "2026-03-08", "2026-03-08T07:30:01Z", "2026-03-09T06:30:00Z")]
    // A send time in the overlap is due at its first occurrence; the second occurrence is not a second send.
    [InlineData("America/New_York", "01:30", "2026-10-31", "2026-10-31T05:30:01Z", "2026-11-01T05:30:00Z")]
    [InlineData("America/New_York", "01:30", "2026-11-01", "2026-11-01T05:30:01Z", "2026-11-02T06:30:00Z")]
    [InlineData("America/New_York", "01:30", null, "2026-11-01T05:30:01Z", "2026-11-02T06:30:00Z")]
    [InlineData("Australia/Lord_Howe", "01:45", "2026-04-04", "2026-04-03T14:45:01Z", "2026-04-04T14:45:00Z")]
    [InlineData("Australia/Lord_Howe", "01:45", "2026-04-05", "2026-04-04T14:45:01Z", "2026-04-05T15:15:00Z")]
    public void NextDue_Inputs_ReturnsEarliestSendAfterLastSentDate(
        string zoneId, string sendAt, string? lastSent, string notBefore, string expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        DateOnly? last = lastSent is null ? null : DateOnly.Parse(lastSent, CultureInfo.InvariantCulture);

        var due = SendSchedule.NextDue(zone, TimeOnly.Parse(sendAt, CultureInfo.InvariantCulture), last, Instant(notBefore));

        Assert.Equal(Instant(expected), due);
        Assert.True(due >= Instant(notBefore));
        Assert.True(last is null || SendSchedule.LocalDate(zone, due) > last);
    }

    [Fact]
    public void NextDue_ConsecutiveDaysAcrossSpringForward_KeepsLocalSendTime()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var sendAt = new TimeOnly(9, 0);
        var due = SendSchedule.NextDue(zone, sendAt, null, Instant("2026-03-05T00:00:00Z"));
        var dues = new List<DateTimeOffset>();

        for (var i = 0; i < 6; i++)
        {
            dues.Add(due);
            due = SendSchedule.NextDue(zone, sendAt, SendSchedule.LocalDate(zone, due), due + TimeSpan.FromSeconds(1));
        }

        Assert.Equal(
            ["2026-03-05T14:00:00Z", "2026-03-06T14:00:00Z", "2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z", "2026-03-09T13:00:00Z", "2026-03-10T13:00:00Z"],
            dues.Select(d => d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void NextDue_NullZone_Throws()
    {
        var error = Assert.Throws<ArgumentNullException>(() => SendSchedule.NextDue(null!, new TimeOnly(9, 0), null, Instant("2026-01-01T00:00:00Z")));

        Assert.Equal("zone", error.ParamName);
    }
}
