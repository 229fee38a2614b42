using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage;

/// <summary>
/// Retention (Retention:InboundDays, Retention:MessageBodyDays): removes the short-lived records and strips old message
/// bodies, at a cost that follows what expires, not what is kept. SQLite finds expiring rows through indexes on their
/// time columns; Table Storage through day-partitioned manifest rows written ahead of the data (see docs/architecture.md).
/// </summary>
public interface IRetentionStore
{
    /// <summary>
    /// Notes, before any of them is texted, that <paramref name="phones"/> get texts from <paramref name="at"/> on, so the
    /// body sweep can find their message log rows later. One write per call however many phones (a whole batch), or
    /// none where the store needs no note (SQLite).
    /// </summary>
    Task NoteOutboundAsync(IReadOnlyCollection<PhoneNumber> phones, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the inbound de-duplication records received before <paramref name="cutoff"/>, and the once-a-day markers,
    /// stats event markers and abuse-limit counters of days before <paramref name="cutoff"/>'s UTC date.
    /// </summary>
    Task<RetentionSweepCounts> ExpireShortLivedAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Empties the body of every message logged before <paramref name="cutoff"/>; the rest of the row stays.</summary>
    Task<RetentionSweepCounts> StripMessageBodiesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>What one part of a sweep did.</summary>
/// <param name="Removed">Rows deleted, or message bodies emptied.</param>
/// <param name="Bookkeeping">Manifest rows read and deleted along the way (Table Storage; 0 on SQLite).</param>
public sealed record RetentionSweepCounts(int Removed, int Bookkeeping)
{
    public static RetentionSweepCounts None { get; } = new(0, 0);

    public static RetentionSweepCounts operator +(RetentionSweepCounts left, RetentionSweepCounts right) =>
        new(left.Removed + right.Removed, left.Bookkeeping + right.Bookkeeping);

    public static RetentionSweepCounts Add(RetentionSweepCounts left, RetentionSweepCounts right) => left + right;
}
