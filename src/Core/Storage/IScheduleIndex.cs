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

    /// <summary>
    /// Moves many rows: first adds every <see cref="ScheduleMove.To"/> (when not null), then removes every
    /// <see cref="ScheduleMove.From"/>, so a failure part-way leaves at worst an extra row, never a missing one. Idempotent:
    /// a retry after a failure repeats the same moves. Returns, per move in order, the version tag of the row added (for
    /// <see cref="RemoveIfUnchangedAsync"/>), or null when the store keeps none. The default moves one row at a time; a
    /// store overrides it with bulk writes (Table Storage: one entity-group transaction per partition, up to 100 rows).
    /// </summary>
    async Task<IReadOnlyList<string?>> MoveManyAsync(IReadOnlyList<ScheduleMove> moves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moves);
        foreach (var move in moves)
        {
            if (move.To is { } to)
            {
                await AddAsync(to, cancellationToken);
            }
        }

        foreach (var move in moves)
        {
            await RemoveAsync(move.From, cancellationToken);
        }

        return new string?[moves.Count];
    }

    /// <summary>
    /// Removes the row only while it still has version <paramref name="tag"/> (from <see cref="MoveManyAsync"/>), so a row
    /// that a subscriber update wrote again meanwhile stays. True when removed or already gone. The default (for stores
    /// that hand out no tags) removes it unconditionally.
    /// </summary>
    async Task<bool> RemoveIfUnchangedAsync(ScheduleEntry entry, string tag, CancellationToken cancellationToken)
    {
        await RemoveAsync(entry, cancellationToken);
        return true;
    }
}

/// <summary>One due-index row: who is due when.</summary>
/// <param name="Phone">E.164 number.</param>
/// <param name="DueUtc">The due instant, second precision.</param>
public sealed record ScheduleEntry(string Phone, DateTimeOffset DueUtc)
{
    /// <summary>
    /// What the scan needs to compute the next due instant without reading the subscriber; null when the store does not
    /// keep it on the row (SQLite) or the row was written before rows carried it.
    /// </summary>
    public SchedulePlan? Plan { get; init; }

    /// <summary>The row of <paramref name="subscriber"/> at <paramref name="dueUtc"/>, carrying its plan.</summary>
    public static ScheduleEntry For(Subscribers.Subscriber subscriber, DateTimeOffset dueUtc)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return new ScheduleEntry(subscriber.Phone.Value, dueUtc) { Plan = SchedulePlan.Of(subscriber) };
    }
}

/// <summary>The subscriber's fields that decide the next due instant, copied onto its index row.</summary>
/// <param name="TimeZoneId">IANA zone of the subscriber.</param>
/// <param name="SendAt">Local send time.</param>
/// <param name="Held">The row is a confirmation held for quiet hours (a pending subscriber): sent once, then no row.</param>
public sealed record SchedulePlan(string TimeZoneId, TimeOnly SendAt, bool Held)
{
    /// <summary>The plan of <paramref name="subscriber"/>.</summary>
    public static SchedulePlan Of(Subscribers.Subscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return new SchedulePlan(subscriber.TimeZoneId, subscriber.SendAt, subscriber.Status == Subscribers.SubscriberStatus.Pending);
    }
}

/// <summary>One index row moved by the scan: <see cref="From"/> goes, <see cref="To"/> (if any) comes.</summary>
/// <param name="From">The row that was due.</param>
/// <param name="To">The row at the next due instant, or null when the subscriber gets no further row.</param>
public sealed record ScheduleMove(ScheduleEntry From, ScheduleEntry? To);
