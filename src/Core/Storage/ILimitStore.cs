namespace Reminders.Core.Storage;

/// <summary>
/// Counters behind the abuse limits (signups per client address, signups per minute, confirmation texts per number),
/// kept in the store so that every app instance on one store shares them. Both operations are race-safe across
/// instances: SQLite by single statements or immediate transactions, Table Storage by insert-if-absent and ETags.
/// Keys and windows are short ASCII without <c>/ \ # ?</c> or control characters.
/// </summary>
public interface ILimitStore
{
    /// <summary>
    /// Adds one to the counter of (<paramref name="key"/>, <paramref name="window"/>) unless it already holds
    /// <paramref name="limit"/>. True when counted (the caller may go ahead), false when the window is full.
    /// </summary>
    Task<bool> TryCountAsync(string key, string window, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Takes one of <paramref name="slots"/> slots of <paramref name="key"/>: one never used, or last taken at or before
    /// <paramref name="now"/> minus <paramref name="period"/>; stamps it with <paramref name="now"/>. This is an exact
    /// rolling limit of <paramref name="slots"/> per <paramref name="period"/>. False when every slot is in use.
    /// </summary>
    Task<bool> TryTakeSlotAsync(string key, int slots, DateTimeOffset now, TimeSpan period, CancellationToken cancellationToken);
}
