using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage;

/// <summary>
/// Insert-if-absent markers for inbound SMS: one per webhook <c>MessageSid</c> (so a retried webhook is answered
/// with the same reply but applied once) and one per (phone, marker, local date) (so some answers go out at most
/// once a day per number, and DONE counts once a day).
/// </summary>
public interface IInboundLog
{
    /// <summary>
    /// Inserts <paramref name="message"/> when its <see cref="InboundMessage.MessageSid"/> was never seen. True when
    /// this call inserted it (the caller applies the message); false when it exists.
    /// </summary>
    Task<bool> TryClaimAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>The message recorded under <paramref name="messageSid"/>, or null.</summary>
    Task<InboundMessage?> GetAsync(string messageSid, CancellationToken cancellationToken);

    /// <summary>Stores the reply given to a claimed message (empty for no reply). Does nothing when it was never claimed.</summary>
    Task SetReplyAsync(string messageSid, string reply, CancellationToken cancellationToken);

    /// <summary>Removes a claim whose processing failed, so a retry can apply it. No-op when missing.</summary>
    Task ReleaseAsync(string messageSid, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the marker (<paramref name="phone"/>, <paramref name="marker"/>, <paramref name="localDate"/>). True when
    /// this call inserted it; false when it already existed.
    /// </summary>
    /// <param name="phone">Whose marker.</param>
    /// <param name="marker">What it marks: lower-case letters and dashes, for example <c>help</c> or <c>done</c>.</param>
    /// <param name="localDate">The subscriber's local date.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<bool> TryMarkAsync(PhoneNumber phone, string marker, DateOnly localDate, CancellationToken cancellationToken);
}

/// <summary>One inbound SMS webhook as remembered for de-duplication.</summary>
/// <param name="MessageSid">Twilio's id of the inbound message (<c>SM</c>/<c>MM</c> + 32 hex digits).</param>
/// <param name="From">The sender.</param>
/// <param name="ReceivedAt">When it was first received.</param>
/// <param name="Reply">The reply given; null while the first delivery is still being applied, empty for no reply.</param>
public sealed record InboundMessage(string MessageSid, PhoneNumber From, DateTimeOffset ReceivedAt, string? Reply);
