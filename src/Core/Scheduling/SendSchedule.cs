namespace Reminders.Core.Scheduling;

/// <summary>
/// Pure time arithmetic for a subscriber's daily send: local wall-clock times in an IANA zone,
/// converted to UTC instants with DST handled (a time in a spring-forward gap moves forward by the
/// gap; a time in a fall-back overlap means its first occurrence).
/// </summary>
public static class SendSchedule
{
    /// <summary>The UTC instant of <paramref name="time"/> on <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset ToUtc(TimeZoneInfo zone, DateOnly date, TimeOnly time)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);

        if (zone.IsInvalidTime(local))
        {
            // Spring forward: the wall clock skips this time. Read it with the offset in force before the
            // jump, which lands the same distance past the jump (02:30 in a 02:00-03:00 gap becomes 03:30).
            var before = zone.GetUtcOffset(local.AddDays(-1));
            return new DateTimeOffset(local, before).ToUniversalTime();
        }

        if (zone.IsAmbiguousTime(local))
        {
            // Fall back: the wall clock shows this time twice; the first one has the larger offset.
            var first = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, first).ToUniversalTime();
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The local calendar date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The local wall-clock time of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static TimeOnly LocalTime(TimeZoneInfo zone, DateTimeOffset instant) =>
        TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The earliest send instant at or after <paramref name="notBefore"/> whose local date is after
    /// <paramref name="lastSentLocalDate"/> (any date when null).
    /// </summary>
    public static DateTimeOffset NextDue(TimeZoneInfo zone, TimeOnly sendAt, DateOnly? lastSentLocalDate, DateTimeOffset notBefore)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var date = LocalDate(zone, notBefore).AddDays(-1);
        if (lastSentLocalDate is { } last && last >= date)
        {
            date = last.AddDays(1);
        }

        for (var i = 0; i < 4; i++, date = date.AddDays(1))
        {
            var due = ToUtc(zone, date, sendAt);
            if (due >= notBefore)
            {
                return due;
            }
        }

        throw new InvalidOperationException("No send instant found within four days; the zone data is inconsistent.");
    }

    /// <summary>
    /// Decides whether a nudge due at <paramref name="dueUtc"/> may go out at <paramref name="nowUtc"/>:
    /// not before it is due, not more than <see cref="DeliveryOptions.MaxLateness"/> late, and only inside quiet hours
    /// in the recipient's zone.
    /// </summary>
    public static SendDecision Evaluate(TimeZoneInfo zone, DateTimeOffset dueUtc, DateTimeOffset nowUtc, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (nowUtc < dueUtc)
        {
            return SendDecision.NotYetDue;
        }

        if (nowUtc - dueUtc > options.MaxLateness)
        {
            return SendDecision.TooLate;
        }

        return options.IsWithinQuietHours(LocalTime(zone, nowUtc)) ? SendDecision.Send : SendDecision.QuietHours;
    }
}

/// <summary>The answer of <see cref="SendSchedule.Evaluate"/>.</summary>
public enum SendDecision
{
    Send,
    NotYetDue,
    TooLate,
    QuietHours,
}
