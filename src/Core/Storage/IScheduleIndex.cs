namespace Reminders.Core.Storage;

/// <summary>
/// The due index: one row per subscriber at their next due instant, partitioned by UTC hour (and shard)
/// so a scan reads only the hours it covers. Reading cost grows with the rows due, not with all subscribers.
/// </summary>
public interface IScheduleIndex
{
    /// <summary>Adds the row (no-op when it exists).</summary>
    Task AddAsync(ScheduleEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes the row (no-op when it is missing).</summary>
    Task RemoveAsync(ScheduleEntry entry, CancellationToken cancellationToken);

    /// <summary>Rows with <paramref name="fromUtc"/> &lt;= due &lt;= <paramref name="toUtc"/>, in due order.</summary>
    Task<IReadOnlyList<ScheduleEntry>> ReadDueAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken);

    /// <summary>The end of the last completed scan, or null before the first scan.</summary>
    Task<DateTimeOffset?> GetScanCursorAsync(CancellationToken cancellationToken);

    /// <summary>Records the end of a completed scan.</summary>
    Task SetScanCursorAsync(DateTimeOffset scannedThroughUtc, CancellationToken cancellationToken);
}

/// <summary>One due-index row: who is due when.</summary>
/// <param name="Phone">E.164 number.</param>
/// <param name="DueUtc">The due instant, second precision.</param>
public sealed record ScheduleEntry(string Phone, DateTimeOffset DueUtc);
