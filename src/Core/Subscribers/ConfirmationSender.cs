using Microsoft.Extensions.Logging;
using Reminders.Core.Delivery;
using Reminders.Core.Sms;
using Reminders.Core.Storage;

namespace Reminders.Core.Subscribers;

/// <summary>What <see cref="ConfirmationSender.SendAsync"/> did with one hand-off.</summary>
public enum ConfirmationOutcome
{
    /// <summary>The provider took the text, or may have (an unknown outcome is never resent).</summary>
    Sent,

    /// <summary>The text did not go out: refused by the provider or by the per-number cap.</summary>
    Failed,

    /// <summary>Nothing to send: no such subscriber, no longer pending, or a later signup superseded the message.</summary>
    NotPending,

    /// <summary>The day's confirmation was already claimed (a redelivered message, or a repeat signup the same day).</summary>
    AlreadyClaimed,

    /// <summary>The sending window had closed; the confirmation is held for the due scan at the next window.</summary>
    Held,

    /// <summary>The message does not name an E.164 number; it can never succeed.</summary>
    Malformed,
}

/// <summary>
/// Sends the confirmation text a signup handed off (<see cref="IConfirmationOutbox"/>), off the request path. It reads the
/// subscriber again (still pending, and still for this message's date), claims the delivery <c>{date}-confirm</c> so that
/// a redelivered queue message never texts twice, and sends through the per-number cap of <see cref="SignupLimits"/>.
/// A storage failure throws, so the queue delivers the message again.
/// </summary>
public sealed partial class ConfirmationSender(
    ISubscriberStore subscribers,
    IDeliveryStore deliveries,
    SubscriberUpdater updater,
    SubscriptionService subscriptions,
    TimeProvider time,
    ILogger<ConfirmationSender> logger)
{
    /// <summary>The delivery key of the confirmation for <paramref name="date"/>, shared with the held-for-quiet-hours path.</summary>
    public static string DeliveryKey(DateOnly date) => DeliveryRecord.DailyKey(date) + "-confirm";

    public async Task<ConfirmationOutcome> SendAsync(ConfirmationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!PhoneNumber.TryFromE164(message.Phone, out var phone, out _) || message.Date == default)
        {
            LogMalformed();
            return ConfirmationOutcome.Malformed;
        }

        var stored = await subscribers.GetAsync(phone, cancellationToken);
        if (stored?.Value is not { Status: SubscriberStatus.Pending } subscriber || subscriber.ConfirmationSentOn != message.Date)
        {
            // The same for every state a signup can meet (new, active, stopped, erased...): nothing is sent.
            LogDone(phone.Masked, ConfirmationOutcome.NotPending);
            return ConfirmationOutcome.NotPending;
        }

        var now = time.GetUtcNow();
        if (subscriptions.ConfirmationHeldUntil(subscriber.TimeZone, now) is { } later)
        {
            // The queue ran late past the window's end: hand the text to the due scan, which sends held confirmations.
            await updater.UpdateAsync(
                phone,
                s => s.Status == SubscriberStatus.Pending && s.NextDueUtc is null ? s with { NextDueUtc = later } : null,
                cancellationToken);
            LogDone(phone.Masked, ConfirmationOutcome.Held);
            return ConfirmationOutcome.Held;
        }

        var key = DeliveryKey(message.Date);
        var claim = new DeliveryRecord(phone, key, message.Date, null, DeliveryStatus.Claimed, now, now)
        {
            ClaimId = DeliveryRecord.NewClaimId(),
            Detail = "confirmation request",
        };
        if (!await deliveries.TryClaimAsync(claim, cancellationToken))
        {
            LogDone(phone.Masked, ConfirmationOutcome.AlreadyClaimed);
            return ConfirmationOutcome.AlreadyClaimed;
        }

        var result = await subscriptions.SendConfirmationAsync(phone, cancellationToken);
        var status = result.Outcome switch
        {
            SmsSendOutcome.Accepted => DeliveryStatus.Accepted,
            SmsSendOutcome.Unknown => DeliveryStatus.Unknown,
            _ => DeliveryStatus.Failed,
        };
        await deliveries.TryAdvanceAsync(
            claim with
            {
                Status = status,
                UpdatedAt = time.GetUtcNow(),
                ProviderMessageId = result.MessageId,
                ErrorCode = result.ErrorCode,
                Detail = result.ErrorMessage ?? claim.Detail,
            },
            CancellationToken.None);
        var outcome = status == DeliveryStatus.Failed ? ConfirmationOutcome.Failed : ConfirmationOutcome.Sent;
        LogDone(phone.Masked, outcome);
        return outcome;
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Confirmation for {Phone}: {Outcome}")]
    private partial void LogDone(string phone, ConfirmationOutcome outcome);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "Confirmation message without an E.164 number or a date; dropped, nothing sent")]
    private partial void LogMalformed();
}
