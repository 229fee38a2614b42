using Reminders.Core.Subscribers;

namespace Reminders.Core.Delivery;

/// <summary>A delivery status callback, after its signature and fields were checked.</summary>
/// <param name="Phone">The recipient, from the callback URL's query.</param>
/// <param name="DeliveryKey">The delivery key from the query; null for texts that are not tracked deliveries (confirmations).</param>
/// <param name="MessageSid">The provider's id of the outbound message.</param>
/// <param name="MessageStatus">The provider's status word (<c>sent</c>, <c>delivered</c>, <c>undelivered</c>...).</param>
/// <param name="ErrorCode">The provider's error code with <c>failed</c> or <c>undelivered</c>.</param>
public sealed record StatusCallback(PhoneNumber Phone, string? DeliveryKey, string MessageSid, string MessageStatus, int? ErrorCode)
{
    /// <summary>
    /// The <see cref="DeliveryStatus"/> of a Twilio status word, or null for words that say nothing about an outbound
    /// text (<c>receiving</c>, <c>received</c>, anything unknown).
    /// </summary>
    public DeliveryStatus? Status => MessageStatus.ToUpperInvariant() switch
    {
        "ACCEPTED" or "SCHEDULED" or "QUEUED" => DeliveryStatus.Accepted,
        "SENDING" or "SENT" => DeliveryStatus.Sent,
        "DELIVERED" or "READ" or "PARTIALLY_DELIVERED" => DeliveryStatus.Delivered,
        "UNDELIVERED" => DeliveryStatus.Undelivered,
        "FAILED" or "CANCELED" => DeliveryStatus.Failed,
        _ => null,
    };
}

/// <summary>What a status callback did.</summary>
public enum StatusCallbackOutcome
{
    /// <summary>The delivery moved forward.</summary>
    Updated,

    /// <summary>The delivery already had this status or a later one; nothing changed.</summary>
    Stale,

    /// <summary>No delivery matched (an untracked text, an unknown key, or another message's SID).</summary>
    NoDelivery,

    /// <summary>The status word means nothing for an outbound text.</summary>
    Ignored,
}
