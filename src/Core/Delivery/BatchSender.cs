using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Conversations;
using Reminders.Core.Prompts;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Delivery;

/// <summary>
/// The queue's work: for each subscriber in a batch, re-read it (a STOP since the scan wins), check status,
/// lateness and quiet hours, claim (phone, local date), pick the prompt, send, and record the outcome.
/// The claim makes a redelivered or concurrently processed batch harmless.
/// </summary>
public sealed partial class BatchSender(
    ISubscriberStore subscribers,
    SubscriberUpdater updater,
    IDeliveryStore deliveries,
    IPromptStore prompts,
    SubscriptionService subscriptions,
    IStatsStore stats,
    IRetentionStore retention,
    MessageSender sender,
    ReplyTexts texts,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<BatchSender> logger)
{
    public async Task<BatchResult> SendAsync(NudgeBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        IReadOnlyList<Prompt>? library = null;
        var tally = new Dictionary<NudgeOutcome, int>();
        // Before any text: the batch's numbers, noted once (one row on Table Storage, nothing on SQLite) so the body
        // retention sweep can find their message log rows by day.
        await retention.NoteOutboundAsync(BatchPhones(batch), time.GetUtcNow(), cancellationToken);
        foreach (var item in batch.Items)
        {
            library ??= (await prompts.ListAsync(cancellationToken)).Select(p => p.Value).ToList();
            var outcome = await SendOneAsync(item, library, cancellationToken);
            tally[outcome] = tally.GetValueOrDefault(outcome) + 1;
        }

        var result = new BatchResult(
            tally.GetValueOrDefault(NudgeOutcome.Sent),
            tally.GetValueOrDefault(NudgeOutcome.Skipped) + tally.GetValueOrDefault(NudgeOutcome.NotActive),
            tally.GetValueOrDefault(NudgeOutcome.AlreadyClaimed),
            tally.GetValueOrDefault(NudgeOutcome.Failed));
        LogBatch(batch.Items.Count, result.Sent, result.Skipped, result.AlreadyClaimed, result.Failed);
        return result;
    }

    private static List<PhoneNumber> BatchPhones(NudgeBatch batch) =>
        [.. batch.Items.Select(i => PhoneNumber.TryFromE164(i.Phone, out var phone, out _) ? phone : null).OfType<PhoneNumber>()];

    private async Task<NudgeOutcome> SendOneAsync(NudgeItem item, IReadOnlyList<Prompt> library, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryFromE164(item.Phone, out var phone, out _))
        {
            return NudgeOutcome.Skipped;
        }

        var stored = await subscribers.GetAsync(phone, cancellationToken);
        if (stored is null)
        {
            return NudgeOutcome.NotActive;
        }

        var subscriber = stored.Value;
        var zone = subscriber.TimeZone;
        var localDate = SendSchedule.LocalDate(zone, item.DueUtc);
        if (subscriber.Status == SubscriberStatus.Paused && subscriber.PausedUntil < localDate)
        {
            subscriber = await ResumeAsync(subscriber, cancellationToken) ?? subscriber;
        }

        if (subscriber.Status == SubscriberStatus.Pending)
        {
            return await SendHeldConfirmationAsync(subscriber, item, localDate, cancellationToken);
        }

        if (subscriber.Status != SubscriberStatus.Active)
        {
            return NudgeOutcome.NotActive;
        }

        var now = time.GetUtcNow();
        var decision = SendSchedule.Evaluate(zone, item.DueUtc, now, options.Value);
        if (decision == SendDecision.NotYetDue)
        {
            return NudgeOutcome.Skipped;
        }

        var key = DeliveryRecord.DailyKey(localDate);
        var prompt = PromptRotation.Pick(library, subscriber.Categories, subscriber.Household, subscriber.RecentPromptIds, phone, localDate);
        var claim = new DeliveryRecord(phone, key, localDate, prompt?.Id, DeliveryStatus.Claimed, now, now)
        {
            ClaimId = DeliveryRecord.NewClaimId(),
        };
        var skipReason = decision switch
        {
            SendDecision.TooLate => "late: more than the allowed lateness after the send time",
            SendDecision.QuietHours => "quiet hours in the recipient's zone",
            _ when prompt is null => "no enabled prompt in the chosen categories",
            _ => null,
        };

        if (skipReason is not null)
        {
            // Record the skip under the day's key, so the day is accounted for and cannot be sent later, stale.
            await deliveries.TryClaimAsync(claim with { Status = DeliveryStatus.Skipped, Detail = skipReason }, cancellationToken);
            LogSkipped(phone.Masked, key, skipReason);
            return NudgeOutcome.Skipped;
        }

        if (!await deliveries.TryClaimAsync(claim, cancellationToken))
        {
            await ExpireStaleClaimAsync(phone, key, now, cancellationToken);
            return NudgeOutcome.AlreadyClaimed;
        }

        // Every nudge names the program; the first and every 7th after it also say how to stop.
        var body = texts.Nudge(prompt!.Text, subscriber.NudgesSent);
        var result = await sender.SendAsync(phone, body, OutboundMessageKinds.Nudge, key, cancellationToken);
        // Advance, not overwrite: a status callback may already have moved the delivery further.
        await deliveries.TryAdvanceAsync(Outcome(claim, result, time.GetUtcNow()), CancellationToken.None);
        if (result.ErrorCode == DeliveryErrorCodes.OptedOut)
        {
            // Twilio refused because the number opted out (21610): honour it as the status callback path does.
            await subscriptions.ChangeStatusAsync(
                phone, SubscriberStatus.Stopped, ConsentSources.Carrier, DeliveryErrorCodes.Describe(DeliveryErrorCodes.OptedOut),
                cancellationToken: CancellationToken.None);
        }

        var sent = result.Outcome is SmsSendOutcome.Accepted or SmsSendOutcome.Unknown;
        if (sent)
        {
            await updater.UpdateAsync(
                phone,
                s => s.RememberPrompt(prompt.Id) with { LastSentLocalDate = localDate, NudgesSent = s.NudgesSent + 1 },
                CancellationToken.None);
        }

        // Counted once per claimed send (the claim makes a redelivered batch skip this, the event id a retried request),
        // on the recipient's local date.
        await stats.IncrementAsync(
            localDate, prompt.Id, sent ? StatCounter.Sent : StatCounter.Failed, StatEvents.ForDelivery(claim), CancellationToken.None);
        return sent ? NudgeOutcome.Sent : NudgeOutcome.Failed;
    }

    /// <summary>
    /// A confirmation held for quiet hours: sent once inside the window (claimed as <c>{date}-confirm</c> so a
    /// redelivered batch does not send it twice); outside it, held again until the next window opens.
    /// </summary>
    private async Task<NudgeOutcome> SendHeldConfirmationAsync(Subscriber subscriber, NudgeItem item, DateOnly localDate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < item.DueUtc)
        {
            return NudgeOutcome.Skipped;
        }

        if (subscriptions.ConfirmationHeldUntil(subscriber.TimeZone, now) is { } later)
        {
            await updater.UpdateAsync(
                subscriber.Phone,
                s => s.Status == SubscriberStatus.Pending && s.NextDueUtc is null ? s with { NextDueUtc = later } : null,
                cancellationToken);
            return NudgeOutcome.Skipped;
        }

        var key = DeliveryRecord.DailyKey(localDate) + "-confirm";
        var claim = new DeliveryRecord(subscriber.Phone, key, localDate, null, DeliveryStatus.Claimed, now, now)
        {
            ClaimId = DeliveryRecord.NewClaimId(),
            Detail = "confirmation request held for quiet hours",
        };
        if (!await deliveries.TryClaimAsync(claim, cancellationToken))
        {
            await ExpireStaleClaimAsync(subscriber.Phone, key, now, cancellationToken);
            return NudgeOutcome.AlreadyClaimed;
        }

        var sent = await subscriptions.SendHeldConfirmationAsync(subscriber, cancellationToken);
        await deliveries.TryAdvanceAsync(
            claim with { Status = sent ? DeliveryStatus.Accepted : DeliveryStatus.Failed, UpdatedAt = time.GetUtcNow() },
            CancellationToken.None);
        return sent ? NudgeOutcome.Sent : NudgeOutcome.Failed;
    }

    /// <summary>
    /// A claim older than <see cref="DeliveryOptions.ClaimLease"/> with no outcome: its sender died between claim and
    /// send, or after sending without recording it. Whether the text went out cannot be known, so the day becomes
    /// <see cref="DeliveryStatus.Unknown"/> (as a timeout after sending does) and is never resent.
    /// </summary>
    private async Task ExpireStaleClaimAsync(PhoneNumber phone, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await deliveries.GetAsync(phone, key, cancellationToken);
        if (existing is { Status: DeliveryStatus.Claimed } && now - existing.ClaimedAt > options.Value.ClaimLease)
        {
            var expired = existing with
            {
                Status = DeliveryStatus.Unknown,
                UpdatedAt = now,
                Detail = "claim expired: the sender stopped between claim and outcome; not resent",
            };
            if (await deliveries.TryAdvanceAsync(expired, cancellationToken))
            {
                LogClaimExpired(phone.Masked, key);
            }
        }
    }

    private async Task<Subscriber?> ResumeAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var resumed = await subscriptions.ChangeStatusAsync(
            subscriber.Phone, SubscriberStatus.Active, ConsentSources.System, "pause ended", cancellationToken: cancellationToken);
        return resumed?.Subscriber;
    }

    internal static DeliveryRecord Outcome(DeliveryRecord claim, SmsSendResult result, DateTimeOffset at) => claim with
    {
        Status = result.Outcome switch
        {
            SmsSendOutcome.Accepted => DeliveryStatus.Accepted,
            SmsSendOutcome.Unknown => DeliveryStatus.Unknown,
            _ => DeliveryStatus.Failed,
        },
        ProviderMessageId = result.MessageId,
        ErrorCode = result.ErrorCode,
        Detail = result.ErrorMessage,
        UpdatedAt = at,
    };

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Delivery {Key} of {Phone} was claimed but never finished; recorded as unknown, not resent")]
    private partial void LogClaimExpired(string phone, string key);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Batch of {Count}: {Sent} sent, {Skipped} skipped, {Claimed} already claimed, {Failed} failed")]
    private partial void LogBatch(int count, int sent, int skipped, int claimed, int failed);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Skipped {Phone} for {Key}: {Reason}")]
    private partial void LogSkipped(string phone, string key, string reason);

    private enum NudgeOutcome
    {
        Sent,
        Skipped,
        NotActive,
        AlreadyClaimed,
        Failed,
    }
}

/// <summary>Counts from one SendBatch run.</summary>
public sealed record BatchResult(int Sent, int Skipped, int AlreadyClaimed, int Failed);
