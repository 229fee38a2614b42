using Reminders.Core.Subscribers;

namespace Reminders.Core.Delivery;

/// <summary>
/// One claimed send to one subscriber. The key is (phone, <see cref="Key"/>): the local date
/// <c>yyyy-MM-dd</c> for the daily nudge, with a suffix (<c>-more1</c>...) for extra sends, so inserting
/// the claim is what guarantees at most one daily nudge per local day.
/// </summary>
public sealed record DeliveryRecord(
    PhoneNumber Phone,
    string Key,
    DateOnly LocalDate,
    string? PromptId,
    DeliveryStatus Status,
    DateTimeOffset ClaimedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The provider's message id (Twilio SID), once accepted.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>The provider's error code for a failure, for example 21610.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>Why it was skipped or failed, in words.</summary>
    public string? Detail { get; init; }

    /// <summary>
    /// The claimant's own id for the claim. A store that meets an existing claim carrying the same id reports the claim
    /// as won, so a claim insert whose response was lost (and was retried) is still owned by whoever made it.
    /// </summary>
    public string? ClaimId { get; init; }

    /// <summary>A new random claim id.</summary>
    public static string NewClaimId() => Guid.NewGuid().ToString("N");

    /// <summary>The key of the daily nudge for <paramref name="localDate"/>.</summary>
    public static string DailyKey(DateOnly localDate) => localDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where a delivery stands. Values are ordered: a status callback never moves a delivery to a lower rank.</summary>
public enum DeliveryStatus
{
    /// <summary>Claimed; the send is in progress.</summary>
    Claimed = 0,

    /// <summary>Not sent on purpose (late, quiet hours, no longer active); <see cref="DeliveryRecord.Detail"/> says why.</summary>
    Skipped = 1,

    /// <summary>The outcome of the send request is not known (timeout after sending); never retried.</summary>
    Unknown = 2,

    /// <summary>The provider accepted or queued the message.</summary>
    Accepted = 3,

    /// <summary>Handed to the carrier.</summary>
    Sent = 4,

    /// <summary>The carrier confirmed delivery.</summary>
    Delivered = 5,

    /// <summary>The carrier could not deliver it.</summary>
    Undelivered = 6,

    /// <summary>The provider refused or failed it.</summary>
    Failed = 7,
}
