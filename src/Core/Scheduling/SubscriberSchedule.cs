using Reminders.Core.Subscribers;

namespace Reminders.Core.Scheduling;

/// <summary>Where a subscriber's due-index row belongs, given its status, zone, send time and pause.</summary>
public static class SubscriberSchedule
{
    /// <summary>
    /// The next due instant at or after <paramref name="now"/>: active subscribers at their next send time,
    /// paused ones at the first send time after the pause ends, pending ones when their held confirmation is due
    /// (kept as it is), everyone else none.
    /// </summary>
    public static DateTimeOffset? NextDue(Subscriber subscriber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var zone = subscriber.TimeZone;
        return subscriber.Status switch
        {
            SubscriberStatus.Active => SendSchedule.NextDue(zone, subscriber.SendAt, subscriber.LastSentLocalDate, now),
            SubscriberStatus.Paused when subscriber.PausedUntil is { } until =>
                SendSchedule.NextDue(zone, subscriber.SendAt, Later(subscriber.LastSentLocalDate, until), now),
            SubscriberStatus.Pending => subscriber.NextDueUtc,
            _ => null,
        };
    }

    /// <summary>Returns the subscriber with <see cref="Subscriber.NextDueUtc"/> recomputed for <paramref name="now"/>.</summary>
    public static Subscriber Reschedule(Subscriber subscriber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return subscriber with { NextDueUtc = NextDue(subscriber, now) };
    }

    private static DateOnly Later(DateOnly? a, DateOnly b) => a is { } value && value > b ? value : b;
}
