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

        // Offsets are read at UTC instants a day either side and every candidate is checked by converting
        // back. TimeZoneInfo's wall-clock queries (IsInvalidTime, IsAmbiguousTime, GetUtcOffset(DateTime)) miss
        // the gap of zones with negative DST such as Europe/Dublin and put 01:30 an hour before the jump.
        var before = OffsetAt(zone, local.AddDays(-1));
        var after = OffsetAt(zone, local.AddDays(1));
        DateTimeOffset? first = null;
        foreach (var offset in new[] { before, OffsetAt(zone, local), after })
        {
            var candidate = new DateTimeOffset(local, offset);
            if (zone.GetUtcOffset(candidate) == offset && (first is null || candidate < first))
            {
                // In a fall-back overlap two offsets fit; the earlier instant is the first occurrence.
                first = candidate;
            }
        }

        // No offset fits: the wall clock skips this time (spring forward). Read it with the offset in force
        // before the jump, which lands the same distance past the jump (02:30 in a 02:00-03:00 gap becomes 03:30).
        return (first ?? new DateTimeOffset(local, before)).ToUniversalTime();
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
    /// Whether a daily send time can ever go out: the due scan runs every <paramref name="scanInterval"/>
    /// and the send is decided when a scan first sees it, so the send time must be inside quiet hours and
    /// leave one scan interval before they end (with the defaults, 08:00 to 19:55). A later time, such as
    /// 19:59, is first seen at 20:00 and would be skipped every day.
    /// </summary>
    public static bool IsDeliverableSendTime(TimeOnly sendAt, DeliveryOptions options, TimeSpan scanInterval)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(scanInterval, TimeSpan.Zero);
        return sendAt >= options.QuietHoursStart
            && options.QuietHoursEnd.ToTimeSpan() - sendAt.ToTimeSpan() >= scanInterval;
    }

    /// <summary>
    /// Decides whether a nudge due at <paramref name="dueUtc"/> may go out at <paramref name="nowUtc"/>:
    /// not before it is due, not more than <see cref="DeliveryOptions.MaxLateness"/> late, and only inside quiet hours
    /// in the recipient's zone.
    /// </summary>
    public static SendDecision Evaluate(TimeZoneInfo zone, DateTimeOffset dueUtc, DateTimeOffset nowUtc, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(zone);
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

    private static TimeSpan OffsetAt(TimeZoneInfo zone, DateTime utcClock) =>
        zone.GetUtcOffset(new DateTimeOffset(utcClock, TimeSpan.Zero));
}

/// <summary>The answer of <see cref="SendSchedule.Evaluate"/>.</summary>
public enum SendDecision
{
    Send,
    NotYetDue,
    TooLate,
    QuietHours,
}
