namespace Reminders.Core.Storage;

/// <summary>
/// Daily counters per prompt for the admin stats (texts sent, delivered, failed, opt-outs within a day of the
/// text, DONE replies). Keyed by the subscriber's local date of the delivery and the prompt id; increments
/// are safe under concurrency and idempotent per event: the same (counter, event) counts once, however often it
/// is repeated or retried (a retried request whose first response was lost included).
/// </summary>
public interface IStatsStore
{
    /// <summary>
    /// Adds one to <paramref name="counter"/> for (<paramref name="date"/>, <paramref name="promptId"/>) unless this
    /// <paramref name="counter"/> was already counted for <paramref name="eventId"/> on that date.
    /// </summary>
    /// <param name="date">The subscriber's local date of the delivery.</param>
    /// <param name="promptId">The prompt.</param>
    /// <param name="counter">Which counter.</param>
    /// <param name="eventId">
    /// What is being counted, for example <see cref="StatEvents.ForDelivery"/>; up to 200 characters, none of
    /// <c>/ \ # ?</c> or control characters.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task IncrementAsync(DateOnly date, string promptId, StatCounter counter, string eventId, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="IncrementAsync"/> for many events at once, with the same once-per-(counter, event) rule. The default
    /// counts one event at a time; a store overrides it to write each (date, prompt) once for all its events.
    /// </summary>
    async Task IncrementManyAsync(IReadOnlyList<StatIncrement> increments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(increments);
        foreach (var increment in increments)
        {
            await IncrementAsync(increment.Date, increment.PromptId, increment.Counter, increment.EventId, cancellationToken);
        }
    }

    /// <summary>All rows with <paramref name="from"/> &lt;= date &lt;= <paramref name="to"/>, ordered by date then prompt id.</summary>
    Task<IReadOnlyList<PromptDayStats>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a daily text with <paramref name="promptId"/> was ever counted as sent or failed, so deleting it would
    /// orphan deliveries and stats (the prompt library then disables it instead). The default reads every row;
    /// a store overrides it with a cheaper lookup.
    /// </summary>
    async Task<bool> WasEverSentAsync(string promptId, CancellationToken cancellationToken) =>
        (await ReadAsync(DateOnly.MinValue, DateOnly.MaxValue, cancellationToken))
            .Any(row => row.PromptId == promptId && (row.Sent > 0 || row.Failed > 0));
}

/// <summary>Event ids for <see cref="IStatsStore.IncrementAsync"/>.</summary>
public static class StatEvents
{
    /// <summary>Longest event id a store accepts.</summary>
    public const int MaxLength = 200;

    /// <summary>The event of one delivery: its phone and key (one nudge is sent, delivered or opted out of once).</summary>
    public static string ForDelivery(Delivery.DeliveryRecord delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.Phone.Value + "_" + delivery.Key;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="eventId"/> can key a stored event.</summary>
    public static void Validate(string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (eventId.Length > MaxLength || eventId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"An event id is 1 to {MaxLength} characters without / \\ # ? or control characters.", nameof(eventId));
        }
    }
}

/// <summary>One event to count with <see cref="IStatsStore.IncrementManyAsync"/>.</summary>
/// <param name="Date">The subscriber's local date of the delivery.</param>
/// <param name="PromptId">The prompt.</param>
/// <param name="Counter">Which counter.</param>
/// <param name="EventId">What is being counted (see <see cref="IStatsStore.IncrementAsync"/>).</param>
public sealed record StatIncrement(DateOnly Date, string PromptId, StatCounter Counter, string EventId);

/// <summary>The counters in <see cref="PromptDayStats"/>.</summary>
public enum StatCounter
{
    Sent,
    Delivered,
    Failed,
    OptOut,
    Done,
}

/// <summary>One day's counters for one prompt.</summary>
public sealed record PromptDayStats(DateOnly Date, string PromptId, int Sent, int Delivered, int Failed, int OptOuts, int Done);
