namespace Reminders.Core.Delivery;

/// <summary>
/// The queue message between DueScan and SendBatch: at most 100 subscribers who were due.
/// Serialised as JSON (camelCase) on the <c>nudge-batches</c> queue.
/// </summary>
/// <param name="Items">Who, and the due instant the scan found for them.</param>
public sealed record NudgeBatch(IReadOnlyList<NudgeItem> Items);

/// <summary>One due subscriber in a <see cref="NudgeBatch"/>.</summary>
/// <param name="Phone">E.164 number.</param>
/// <param name="DueUtc">The instant the index said they were due.</param>
public sealed record NudgeItem(string Phone, DateTimeOffset DueUtc)
{
    /// <summary>
    /// The plan the scan read from the index row, when it moved the row without reading the subscriber; the sender then
    /// writes <see cref="NextDueUtc"/> to the subscriber in its one update. Null when the scan updated the subscriber itself.
    /// </summary>
    public Storage.SchedulePlan? Plan { get; init; }

    /// <summary>Where the scan moved the row (null: no further row), when <see cref="Plan"/> is set.</summary>
    public DateTimeOffset? NextDueUtc { get; init; }

    /// <summary>
    /// The version tag of the row at <see cref="NextDueUtc"/> as the scan wrote it: when the subscriber turns out to have
    /// moved on, the sender removes that row only if nobody wrote it again since.
    /// </summary>
    public string? NextRowTag { get; init; }
}
