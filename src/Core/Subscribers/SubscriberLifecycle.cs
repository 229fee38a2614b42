namespace Reminders.Core.Subscribers;

/// <summary>The only place a subscriber's status changes. Every real change yields a consent event.</summary>
public static class SubscriberLifecycle
{
    /// <summary>Whether <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool IsLegal(SubscriberStatus from, SubscriberStatus to) => (from, to) switch
    {
        (SubscriberStatus.Pending, SubscriberStatus.Active) => true,
        (SubscriberStatus.Pending, SubscriberStatus.Stopped) => true,
        (SubscriberStatus.Active, SubscriberStatus.Paused) => true,
        (SubscriberStatus.Active, SubscriberStatus.Stopped) => true,
        (SubscriberStatus.Paused, SubscriberStatus.Active) => true,
        (SubscriberStatus.Paused, SubscriberStatus.Paused) => true,
        (SubscriberStatus.Paused, SubscriberStatus.Stopped) => true,
        (SubscriberStatus.Stopped, SubscriberStatus.Active) => true,
        _ => false,
    };

    /// <summary>
    /// Moves <paramref name="subscriber"/> to <paramref name="to"/>. Moving to the status it already has
    /// (for a pause: with the same end date) succeeds with no event; an illegal move fails with a reason and no change.
    /// </summary>
    /// <param name="subscriber">The current record.</param>
    /// <param name="to">The wanted status.</param>
    /// <param name="at">When the change happens.</param>
    /// <param name="source">One of <see cref="ConsentSources"/>.</param>
    /// <param name="detail">Keyword, admin name or reason, recorded in the consent log.</param>
    /// <param name="pausedUntil">Required when <paramref name="to"/> is paused: the last silent local date.</param>
    /// <param name="kind">Overrides the consent event kind (for example <see cref="ConsentEventKinds.Bounced"/>).</param>
    /// <param name="messageSid">The SMS that caused the change, if any.</param>
    public static LifecycleResult Change(
        Subscriber subscriber,
        SubscriberStatus to,
        DateTimeOffset at,
        string source,
        string? detail,
        DateOnly? pausedUntil = null,
        string? kind = null,
        string? messageSid = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);

        var from = subscriber.Status;
        var unchanged = from == to && (to != SubscriberStatus.Paused || pausedUntil == subscriber.PausedUntil);
        if (unchanged)
        {
            return new LifecycleResult(true, subscriber, null, null);
        }

        if (!IsLegal(from, to))
        {
            return new LifecycleResult(false, subscriber, null, $"A {Name(from)} subscriber cannot become {Name(to)}.");
        }

        if (to == SubscriberStatus.Paused && pausedUntil is null)
        {
            return new LifecycleResult(false, subscriber, null, "A pause needs the date it ends.");
        }

        var changed = subscriber with
        {
            Status = to,
            PausedUntil = to == SubscriberStatus.Paused ? pausedUntil : null,
            UpdatedAt = at,
        };
        var consent = new ConsentEvent(subscriber.Phone, at, kind ?? KindOf(from, to, source), source, detail, messageSid);
        return new LifecycleResult(true, changed, consent, null);
    }

    private static string KindOf(SubscriberStatus from, SubscriberStatus to, string source) => (from, to) switch
    {
        (SubscriberStatus.Pending, SubscriberStatus.Active) when source != ConsentSources.Admin => ConsentEventKinds.Confirmed,
        (SubscriberStatus.Paused, SubscriberStatus.Active) => ConsentEventKinds.Resumed,
        (_, SubscriberStatus.Active) => ConsentEventKinds.Activated,
        (_, SubscriberStatus.Paused) => ConsentEventKinds.Paused,
        (_, SubscriberStatus.Stopped) => ConsentEventKinds.Stopped,
        _ => to.ToString().ToLowerInvariant(),
    };

    private static string Name(SubscriberStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>The outcome of <see cref="SubscriberLifecycle.Change"/>.</summary>
/// <param name="Succeeded">False when the move was illegal; then nothing changed.</param>
/// <param name="Subscriber">The record after the change (the same record when nothing changed).</param>
/// <param name="Event">The consent event to append, or null when nothing changed.</param>
/// <param name="Error">Why the move was refused.</param>
public sealed record LifecycleResult(bool Succeeded, Subscriber Subscriber, ConsentEvent? Event, string? Error);
