namespace Reminders.Core.Subscribers;

/// <summary>One person who receives the daily nudge. Immutable; change it with <c>with</c> and store it back.</summary>
/// <param name="Phone">The key: E.164 number.</param>
/// <param name="Status">Lifecycle state; change it only through <see cref="SubscriberLifecycle"/>.</param>
/// <param name="TimeZoneId">IANA zone, for example <c>America/New_York</c>.</param>
/// <param name="SendAt">Local wall-clock time of the daily nudge.</param>
/// <param name="Categories">Prompt categories chosen; empty means all.</param>
/// <param name="Name">Optional first name.</param>
/// <param name="RecentPromptIds">Ids of the last sends, newest first, at most 30.</param>
/// <param name="PausedUntil">Last local date of a pause (inclusive), when <see cref="Status"/> is paused.</param>
/// <param name="NextDueUtc">Instant of the subscriber's row in the due index, if any.</param>
/// <param name="LastSentLocalDate">Local date of the last daily nudge.</param>
/// <param name="CreatedAt">When the record was created.</param>
/// <param name="UpdatedAt">When the record last changed.</param>
public sealed record Subscriber(
    PhoneNumber Phone,
    SubscriberStatus Status,
    string TimeZoneId,
    TimeOnly SendAt,
    IReadOnlyList<string> Categories,
    string? Name,
    IReadOnlyList<string> RecentPromptIds,
    DateOnly? PausedUntil,
    DateTimeOffset? NextDueUtc,
    DateOnly? LastSentLocalDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>How many recent prompt ids are remembered to avoid repeats.</summary>
    public const int RecentPromptLimit = 30;

    /// <summary>Local date on which the last confirmation text was sent (at most one a day).</summary>
    public DateOnly? ConfirmationSentOn { get; init; }

    /// <summary>Permanent delivery failures in a row; reset by a delivered message.</summary>
    public int ConsecutivePermanentFailures { get; init; }

    /// <summary>Number of DONE replies, for stats only (no streak pressure).</summary>
    public int DoneCount { get; init; }

    /// <summary>Who is in the subscriber's life (partner, children, pets); prompts that need one go only to those who have it.</summary>
    public Household Household { get; init; }

    /// <summary>Daily nudges sent so far; the first and every 7th after it carry the STOP reminder.</summary>
    public int NudgesSent { get; init; }

    /// <summary>The zone as a <see cref="TimeZoneInfo"/>; the id was validated when the subscriber was created.</summary>
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Returns a copy that remembers <paramref name="promptId"/> as the newest send.</summary>
    public Subscriber RememberPrompt(string promptId) => this with
    {
        RecentPromptIds = [promptId, .. RecentPromptIds.Where(id => id != promptId).Take(RecentPromptLimit - 1)],
    };

    // Records compare lists by reference; compare them by content so stored copies round-trip equal.
    public bool Equals(Subscriber? other) =>
        other is not null
        && Phone == other.Phone && Status == other.Status && TimeZoneId == other.TimeZoneId && SendAt == other.SendAt
        && Categories.SequenceEqual(other.Categories) && Name == other.Name
        && RecentPromptIds.SequenceEqual(other.RecentPromptIds) && PausedUntil == other.PausedUntil
        && NextDueUtc == other.NextDueUtc && LastSentLocalDate == other.LastSentLocalDate
        && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt
        && ConfirmationSentOn == other.ConfirmationSentOn
        && ConsecutivePermanentFailures == other.ConsecutivePermanentFailures && DoneCount == other.DoneCount
        && Household == other.Household && NudgesSent == other.NudgesSent;

    public override int GetHashCode() => HashCode.Combine(Phone, Status, TimeZoneId, SendAt, UpdatedAt);
}
