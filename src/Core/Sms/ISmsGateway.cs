using Reminders.Core.Subscribers;

namespace Reminders.Core.Sms;

/// <summary>Sends one SMS through a provider. Implementations never log full numbers or secrets.</summary>
public interface ISmsGateway
{
    /// <summary>Short name for logs and the message log: <c>dry-run</c>, <c>twilio</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Sends <paramref name="message"/>. Provider errors are returned as values, not thrown; only
    /// cancellation throws.
    /// </summary>
    Task<SmsSendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken);
}

/// <summary>A text to send.</summary>
/// <param name="To">Recipient.</param>
/// <param name="Body">Message text.</param>
/// <param name="DeliveryKey">When the text is a tracked delivery, its key, so status callbacks can find it.</param>
public sealed record OutboundSms(PhoneNumber To, string Body, string? DeliveryKey = null)
{
    /// <summary>What the text is (<see cref="OutboundMessageKinds"/>); it picks the pacing budget (<see cref="Twilio.SendPacers"/>).</summary>
    public string Kind { get; init; } = OutboundMessageKinds.Nudge;
}

/// <summary>What the provider said.</summary>
/// <param name="Outcome">Accepted, rejected for good, failed after retries, or unknown.</param>
/// <param name="MessageId">Provider id (Twilio SID) when accepted.</param>
/// <param name="ProviderStatus">Provider's status word (<c>queued</c>, <c>accepted</c>...).</param>
/// <param name="ErrorCode">Provider error code when not accepted.</param>
/// <param name="ErrorMessage">Provider error text when not accepted.</param>
public sealed record SmsSendResult(
    SmsSendOutcome Outcome,
    string? MessageId,
    string? ProviderStatus,
    int? ErrorCode,
    string? ErrorMessage);

/// <summary>Outcome class of a send.</summary>
public enum SmsSendOutcome
{
    /// <summary>The provider took the message.</summary>
    Accepted,

    /// <summary>The provider refused it for a reason that will not change by retrying (bad number, opted out).</summary>
    Rejected,

    /// <summary>The provider certainly did not take it, and retries were used up.</summary>
    Failed,

    /// <summary>The request may or may not have created a message (for example a timeout after sending).</summary>
    Unknown,
}
