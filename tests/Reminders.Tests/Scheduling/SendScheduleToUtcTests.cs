using System.Globalization;
using Reminders.Core.Scheduling;

namespace Reminders.Tests.Scheduling;

public sealed class SendScheduleToUtcTests
{
    [Theory]
    [InlineData("America/New_York", "2026-06-15", "09:00", "2026-06-15T13:00:00Z")]
    [InlineData("America/New_York", "2026-01-15", "09:00", "2026-01-15T14:00:00Z")]
    [InlineData("Asia/Kolkata", "2026-06-15", "08:00", "2026-06-15T02:30:00Z")]
    [InlineData("Asia/Kathmandu", "2026-06-15", "08:00", "2026-06-15T02:15:00Z")]
    [InlineData("Asia/Tokyo", "2026-07-01", "08:00", "2026-06-30T23:00:00Z")]
    [InlineData("Pacific/Kiritimati", "2026-06-16", "09:00", "2026-06-15T19:00:00Z")]
    [InlineData("Pacific/Pago_Pago", "2026-06-15", "19:45", "2026-06-16T06:45:00Z")]
    [InlineData("UTC", "2028-02-29", "12:15", "2028-02-29T12:15:00Z")]
    public void ToUtc_OrdinaryTime_UsesZoneOffset(string zoneId, string date, string time, string expectedUtc)
    {
        AssertToUtc(zoneId, date, time, expectedUtc, time);
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00Z", "03:30")]
    [InlineData("America/New_York", "2026-03-08", "02:00", "2026-03-08T07:00:00Z", "03:00")]
    [InlineData("America/New_York", "2026-03-08", "02:59", "2026-03-08T07:59:00Z", "03:59")]
    [InlineData("Europe/London", "2026-03-29", "01:30", "2026-03-29T01:30:00Z", "02:30")]
    [InlineData("Europe/Dublin", "2026-03-29", "01:30", "2026-03-29T01:30:00Z", "02:30")]
    [InlineData("Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:45:00Z", "02:45")]
    [InlineData("Australia/Lord_Howe", "2026-10-04", "02:00", "2026-10-03T15:30:00Z", "02:30")]
    [InlineData("Pacific/Chatham", "2026-09-27", "02:45", "2026-09-26T14:00:00Z", "03:45")]
    [InlineData("Pacific/Chatham", "2026-09-27", "03:00", "2026-09-26T14:15:00Z", "04:00")]
    [InlineData("Antarctica/Troll", "2026-03-29", "02:00", "2026-03-29T02:00:00Z", "04:00")]
    [InlineData("America/Santiago", "2026-09-06", "00:30", "2026-09-06T04:30:00Z", "01:30")]
    public void ToUtc_TimeInSpringForwardGap_MovesForwardByTheGap(string zoneId, string date, string time, string expectedUtc, string expectedLocal)
    {
        AssertToUtc(zoneId, date, time, expectedUtc, expectedLocal);
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-08", "01:59", "2026-03-08T06:59:00Z")]
    [InlineData("America/New_York", "2026-03-08", "03:00", "2026-03-08T07:00:00Z")]
    [InlineData("Australia/Lord_Howe", "2026-10-04", "02:30", "2026-10-03T15:30:00Z")]
    [InlineData("Pacific/Chatham", "2026-09-27", "03:45", "2026-09-26T14:00:00Z")]
    public void ToUtc_TimeJustOutsideGap_IsUnchanged(string zoneId, string date, string time, string expectedUtc)
    {
        AssertToUtc(zoneId, date, time, expectedUtc, time);
    }

    [Theory]
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z", "-04:00")]
    [InlineData("America/New_York", "2026-11-01", "01:00", "2026-11-01T05:00:00Z", "-04:00")]
    [InlineData("America/New_York", "2026-11-01", "02:00", "2026-11-01T07:00:00Z", "-05:00")]
    [InlineData("Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00Z", "+01:00")]
    [InlineData("Europe/Dublin", "2026-10-25", "01:30", "2026-10-25T00:30:00Z", "+01:00")]
    [InlineData("Australia/Lord_Howe", "2026-04-05", "01:45", "2026-04-04T14:45:00Z", "+11:00")]
    [InlineData("Australia/Lord_Howe", "2026-04-05", "01:30", "2026-04-04T14:30:00Z", "+11:00")]
    [InlineData("Pacific/Chatham", "2026-04-05", "03:00", "2026-04-04T13:15:00Z", "+13:45")]
    [InlineData("Antarctica/Troll", "2026-10-25", "02:30", "2026-10-25T00:30:00Z", "+02:00")]
    public void ToUtc_TimeInFallBackOverlap_TakesFirstOccurrence(string zoneId, string date, string time, string expectedUtc, string expectedOffset)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var utc = SendSchedule.ToUtc(zone, DateOnly.Parse(date, CultureInfo.InvariantCulture), TimeOnly.Parse(time, CultureInfo.InvariantCulture));

        Assert.Equal(Instant(expectedUtc), utc);
        Assert.Equal(TimeSpan.Parse(expectedOffset.TrimStart('+'), CultureInfo.InvariantCulture), zone.GetUtcOffset(utc));
        Assert.Equal(TimeOnly.Parse(time, CultureInfo.InvariantCulture), SendSchedule.LocalTime(zone, utc));
    }

    [Fact]
    public void ToUtc_Result_IsUtcOffsetZero()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var utc = SendSchedule.ToUtc(zone, new DateOnly(2026, 6, 15), new TimeOnly(8, 0));

        Assert.Equal(TimeSpan.Zero, utc.Offset);
    }

    [Fact]
    public void ToUtc_NullZone_Throws()
    {
        var error = Assert.Throws<ArgumentNullException>(() => SendSchedule.ToUtc(null!, new DateOnly(2026, 1, 1), new TimeOnly(8, 0)));

        Assert.Equal("zone", error.ParamName);
    }

    [Theory]
    [InlineData("2026-01-01T04:59:59Z", "2025-12-31", "23:59:59")]
    [InlineData("2026-01-01T05:00:00Z", "2026-01-01", "00:00:00")]
    [InlineData("2026-11-01T05:30:00Z", "2026-11-01", "01:30:00")]
    [InlineData("2026-11-01T06:30:00Z", "2026-11-01", "01:30:00")]
    public void LocalDateAndTime_Instant_AreWallClockInZone(string instant, string expectedDate, string expectedTime)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var date = SendSchedule.LocalDate(zone, Instant(instant));
        var time = SendSchedule.LocalTime(zone, Instant(instant));

        Assert.Equal((DateOnly.Parse(expectedDate, CultureInfo.InvariantCulture), TimeOnly.Parse(expectedTime, CultureInfo.InvariantCulture)), (date, time));
    }

    internal static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static void AssertToUtc(string zoneId, string date, string time, string expectedUtc, string expectedLocal)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var localDate = DateOnly.Parse(date, CultureInfo.InvariantCulture);

        var utc = SendSchedule.ToUtc(zone, localDate, TimeOnly.Parse(time, CultureInfo.InvariantCulture));

        Assert.Equal(Instant(expectedUtc), utc);
        Assert.Equal(TimeOnly.Parse(expectedLocal, CultureInfo.InvariantCulture), SendSchedule.LocalTime(zone, utc));
        Assert.Equal(localDate, SendSchedule.LocalDate(zone, utc));
    }
}
