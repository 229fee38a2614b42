using NCrontab;

namespace Reminders.Core.Scheduling;

/// <summary>The due-scan timer schedule (<c>DueScanSchedule</c>), an NCRONTAB expression as the Functions timer reads it.</summary>
public static class ScanSchedule
{
    /// <summary>The default: every five minutes, on the minute.</summary>
    public const string Default = "0 */5 * * * *";

    /// <summary>Parses six fields (seconds first) or five; null when the expression is not valid.</summary>
    public static CrontabSchedule? TryParse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return fields is 5 or 6
            ? CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
            : null;
    }

    /// <summary>
    /// The longest wait between two scans over two days: a send due just after one scan waits this long at most,
    /// so a send time closer than this to the end of quiet hours could never be sent.
    /// </summary>
    public static TimeSpan LongestGap(CrontabSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var start = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        var previous = schedule.GetNextOccurrence(start);
        var longest = TimeSpan.Zero;
        foreach (var next in schedule.GetNextOccurrences(previous, start.AddDays(2)))
        {
            if (next - previous > longest)
            {
                longest = next - previous;
            }

            previous = next;
        }

        return longest == TimeSpan.Zero ? TimeSpan.FromDays(1) : longest;
    }

    /// <summary>
    /// How early a timer may fire and still count as firing for its tick. Timers fire 1-5 ms early; a tick further
    /// ahead than this is not the one that fired (a manual run, or a status already moved on) and is ignored.
    /// </summary>
    public static readonly TimeSpan MaxEarlyFire = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The tick a timer fired for, from its schedule status (the host passes the previous and the next occurrence):
    /// the later of the two that is not more than <see cref="MaxEarlyFire"/> ahead of <paramref name="now"/>; null
    /// when neither is known.
    /// </summary>
    public static DateTimeOffset? TickFiredFor(DateTimeOffset? last, DateTimeOffset? next, DateTimeOffset now)
    {
        var latest = now + MaxEarlyFire;
        if (next is { } n && n <= latest)
        {
            return n;
        }

        return last is { } l && l <= latest ? l : null;
    }
}
