using Reminders.Core.Subscribers;

namespace Reminders.Core.Sms;

/// <summary>One outbound text as recorded in the message log, whichever path sent it.</summary>
/// <param name="Phone">Recipient.</param>
/// <param name="At">When it was sent.</param>
/// <param name="Kind">One of <see cref="OutboundMessageKinds"/>.</param>
/// <param name="Body">The text.</param>
/// <param name="Gateway">Which gateway sent it (<c>dry-run</c>, <c>twilio</c>, <c>twiml</c>).</param>
/// <param name="Outcome">Accepted, rejected, failed or unknown.</param>
/// <param name="MessageId">Provider id when known.</param>
public sealed record OutboundMessage(
    PhoneNumber Phone,
    DateTimeOffset At,
    string Kind,
    string Body,
    string Gateway,
    SmsSendOutcome Outcome,
    string? MessageId);

/// <summary>Kinds of <see cref="OutboundMessage"/>.</summary>
public static class OutboundMessageKinds
{
    public const string Nudge = "nudge";
    public const string Extra = "extra";
    public const string Confirmation = "confirmation";
    public const string Reply = "reply";
}
