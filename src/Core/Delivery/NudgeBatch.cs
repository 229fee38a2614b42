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
public sealed record NudgeItem(string Phone, DateTimeOffset DueUtc);
