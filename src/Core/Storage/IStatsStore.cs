namespace Reminders.Core.Storage;

/// <summary>
/// Daily counters per prompt for the admin stats (texts sent, delivered, failed, opt-outs within a day of the
/// text, DONE replies). Keyed by the subscriber's local date of the delivery and the prompt id; increments
/// are safe under concurrency.
/// </summary>
public interface IStatsStore
{
    /// <summary>Adds one to <paramref name="counter"/> for (<paramref name="date"/>, <paramref name="promptId"/>).</summary>
    Task IncrementAsync(DateOnly date, string promptId, StatCounter counter, CancellationToken cancellationToken);

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
