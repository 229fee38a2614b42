using Microsoft.Extensions.Logging;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Delivery;

/// <summary>
/// Applies delivery status callbacks. The delivery is found by the phone and key the callback URL carries and must
/// have the callback's MessageSid (or none yet, after an unknown send outcome). Its status only moves forward
/// (<see cref="IDeliveryStore.TryAdvanceAsync"/>), so late or racing callbacks change nothing; the error code is
/// recorded. Then, per <see cref="DeliveryErrorCodes"/>: 21610 stops the subscriber (consent source <c>carrier</c>);
/// a permanent failure adds to <see cref="Subscriber.ConsecutivePermanentFailures"/> and the third in a row pauses the
/// subscriber (consent kind <c>bounced</c>); <c>delivered</c> resets the count. Delivered and failed texts are counted
/// in the prompt stats.
/// </summary>
public sealed partial class StatusCallbackService(
    IDeliveryStore deliveries,
    SubscriberUpdater updater,
    SubscriptionService subscriptions,
    IConsentLog consent,
    PromptStatsRecorder stats,
    TimeProvider time,
    ILogger<StatusCallbackService> logger)
{
    public async Task<StatusCallbackOutcome> HandleAsync(StatusCallback callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var now = time.GetUtcNow();
        var outcome = callback.Status is not { } status
            ? StatusCallbackOutcome.Ignored
            : await AdvanceAsync(callback, status, now, cancellationToken);

        if (callback.ErrorCode == DeliveryErrorCodes.OptedOut)
        {
            // Authoritative whatever the delivery: the carrier or Twilio holds an opt-out for this number.
            await subscriptions.ChangeStatusAsync(
                callback.Phone, SubscriberStatus.Stopped, ConsentSources.Carrier, DeliveryErrorCodes.Describe(DeliveryErrorCodes.OptedOut),
                messageSid: callback.MessageSid, cancellationToken: cancellationToken);
        }

        LogCallback(callback.Phone.Masked, callback.DeliveryKey, callback.MessageStatus, callback.ErrorCode, outcome);
        return outcome;
    }

    private async Task<StatusCallbackOutcome> AdvanceAsync(
        StatusCallback callback, DeliveryStatus status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (callback.DeliveryKey is not { } key
            || await deliveries.GetAsync(callback.Phone, key, cancellationToken) is not { } current
            || (current.ProviderMessageId is { } sid && sid != callback.MessageSid))
        {
            return StatusCallbackOutcome.NoDelivery;
        }

        var next = current with
        {
            Status = status,
            ProviderMessageId = callback.MessageSid,
            ErrorCode = callback.ErrorCode ?? current.ErrorCode,
            Detail = callback.ErrorCode is { } code ? DeliveryErrorCodes.Describe(code) : current.Detail,
            UpdatedAt = now,
        };
        if (!await deliveries.TryAdvanceAsync(next, cancellationToken))
        {
            return StatusCallbackOutcome.Stale;
        }

        switch (status)
        {
            case DeliveryStatus.Delivered:
                await stats.CountAsync(next, StatCounter.Delivered, cancellationToken);
                await updater.UpdateAsync(
                    callback.Phone,
                    s => s.ConsecutivePermanentFailures == 0 ? s : s with { ConsecutivePermanentFailures = 0 },
                    cancellationToken);
                break;
            case DeliveryStatus.Undelivered or DeliveryStatus.Failed:
                await stats.CountAsync(next, StatCounter.Failed, cancellationToken);
                if (DeliveryErrorCodes.IsPermanentFailure(callback.ErrorCode))
                {
                    await CountPermanentFailureAsync(callback, now, cancellationToken);
                }

                break;
        }

        return StatusCallbackOutcome.Updated;
    }

    /// <summary>One more permanent failure in a row; the <see cref="DeliveryErrorCodes.BounceThreshold"/>th pauses an active subscriber.</summary>
    private async Task CountPermanentFailureAsync(StatusCallback callback, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ConsentEvent? bounced = null;
        var stored = await updater.UpdateAsync(
            callback.Phone,
            existing =>
            {
                bounced = null;
                var counted = existing with { ConsecutivePermanentFailures = existing.ConsecutivePermanentFailures + 1 };
                if (counted.ConsecutivePermanentFailures < DeliveryErrorCodes.BounceThreshold || existing.Status != SubscriberStatus.Active)
                {
                    return counted;
                }

                var today = SendSchedule.LocalDate(existing.TimeZone, now);
                var detail = $"{DeliveryErrorCodes.BounceThreshold} permanent delivery failures in a row, last {DeliveryErrorCodes.Describe(callback.ErrorCode!.Value)}";
                var change = SubscriberLifecycle.Change(
                    counted with { ConsecutivePermanentFailures = 0 }, SubscriberStatus.Paused, now, ConsentSources.Carrier, detail,
                    today.AddDays(DeliveryErrorCodes.BouncePauseDays), ConsentEventKinds.Bounced, callback.MessageSid);
                bounced = change.Event;
                return change.Succeeded ? SubscriberSchedule.Reschedule(change.Subscriber, now) : counted;
            },
            cancellationToken);

        if (bounced is not null && stored?.Value.Status == SubscriberStatus.Paused)
        {
            await consent.AppendAsync(bounced, cancellationToken);
            LogBounced(callback.Phone.Masked, DeliveryErrorCodes.BouncePauseDays);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Status callback for {Phone} {Key}: {Status} {ErrorCode} -> {Outcome}")]
    private partial void LogCallback(string phone, string? key, string status, int? errorCode, StatusCallbackOutcome outcome);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "{Phone} paused for {Days} days after repeated permanent delivery failures")]
    private partial void LogBounced(string phone, int days);
}
