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
    MessageSender sender,
    ReplyTexts texts,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<BatchSender> logger)
{
    public async Task<BatchResult> SendAsync(NudgeBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tally = new int[Enum.GetValues<NudgeOutcome>().Length];
        if (batch.Items.Count > 0)
        {
            // The library is read once per batch and prepared once for rotation.
            var library = PromptPool.From((await prompts.ListAsync(cancellationToken)).Select(p => p.Value));
            var (firsts, repeats) = SplitRepeats(batch.Items);
            await SendConcurrentlyAsync(firsts, library, tally, cancellationToken);

            // A phone listed again in the same batch: only after its earlier item has finished, in batch order.
            foreach (var item in repeats)
            {
                Count(tally, await SendOneAsync(item, library, cancellationToken));
            }
        }

        var result = new BatchResult(
            tally[(int)NudgeOutcome.Sent],
            tally[(int)NudgeOutcome.Skipped] + tally[(int)NudgeOutcome.NotActive],
            tally[(int)NudgeOutcome.AlreadyClaimed],
            tally[(int)NudgeOutcome.Failed]);
        LogBatch(batch.Items.Count, result.Sent, result.Skipped, result.AlreadyClaimed, result.Failed);
        return result;
    }

    /// <summary>
    /// Sends to distinct subscribers with at most <see cref="DeliveryOptions.SendConcurrency"/> texts in flight (the
    /// pacer in the gateway stays the only brake on the rate). Subscribers are prepared and claimed a chunk of
    /// SendConcurrency at a time, each chunk's claims in one store transaction, and a chunk is claimed only when the
    /// previous one has started sending: a crash leaves at most one chunk claimed but never tried (recorded as
    /// unknown after <see cref="DeliveryOptions.ClaimLease"/>, as a crash mid-send is). Sends in flight always finish
    /// and are recorded before the batch returns or fails; after a failed send no further chunk is claimed.
    /// </summary>
    private async Task SendConcurrentlyAsync(
        List<NudgeItem> items, PromptPool library, int[] tally, CancellationToken cancellationToken)
    {
        var concurrency = options.Value.SendConcurrency;
        using var inFlight = new SemaphoreSlim(concurrency, concurrency);
        // Texts of one batch often share a stats row (same date and prompt): its increments go one at a time, so
        // concurrent sends do not race on its ETag and retry.
        using var statsGate = new SemaphoreSlim(1, 1);
        var running = new List<Task>(items.Count);
        try
        {
            for (var start = 0; start < items.Count && !running.Exists(t => t.IsFaulted); start += concurrency)
            {
                var chunk = new NudgeItem[Math.Min(concurrency, items.Count - start)];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = items[start + i];
                }

                var prepared = await Task.WhenAll(chunk.Select(item => PrepareAsync(item, library, cancellationToken)));
                var claims = prepared.Where(p => p.Claim is not null).Select(p => p.Claim!).ToList();
                var won = await deliveries.TryClaimManyAsync(claims, cancellationToken);
                var next = 0;
                foreach (var one in prepared)
                {
                    if (one.Claim is null)
                    {
                        Count(tally, one.Outcome);
                        continue;
                    }

                    var claimWon = won[next++];
                    await inFlight.WaitAsync(cancellationToken);
                    running.Add(FinishReleasingAsync(one, claimWon, tally, inFlight, statsGate, cancellationToken));
                }
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(running);
    }

    private async Task FinishReleasingAsync(
        Prepared prepared, bool won, int[] tally, SemaphoreSlim inFlight, SemaphoreSlim statsGate, CancellationToken cancellationToken)
    {
        try
        {
            Count(tally, await FinishAsync(prepared, won, statsGate, cancellationToken));
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <summary>The first item of each phone, and the items of a phone already listed earlier in the batch.</summary>
    private static (List<NudgeItem> Firsts, List<NudgeItem> Repeats) SplitRepeats(IReadOnlyList<NudgeItem> items)
    {
        var seen = new HashSet<string>(items.Count, StringComparer.Ordinal);
        var firsts = new List<NudgeItem>(items.Count);
        var repeats = new List<NudgeItem>();
        foreach (var item in items)
        {
            (seen.Add(item.Phone) ? firsts : repeats).Add(item);
        }

        return (firsts, repeats);
    }

    private static void Count(int[] tally, NudgeOutcome outcome) => Interlocked.Increment(ref tally[(int)outcome]);

    /// <summary>One item on its own: prepare, claim, finish.</summary>
    private async Task<NudgeOutcome> SendOneAsync(NudgeItem item, PromptPool library, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(item, library, cancellationToken);
        if (prepared.Claim is null)
        {
            return prepared.Outcome;
        }

        var won = await deliveries.TryClaimAsync(prepared.Claim, cancellationToken);
        return await FinishAsync(prepared, won, null, cancellationToken);
    }

    /// <summary>
    /// Everything before the claim: re-read the subscriber, resume an ended pause, decide, pick the prompt. Returns the
    /// outcome when there is nothing to claim, otherwise the claim (a skip is claimed too, with its reason).
    /// </summary>
    private async Task<Prepared> PrepareAsync(NudgeItem item, PromptPool library, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryFromE164(item.Phone, out var phone, out _))
        {
            return new Prepared(NudgeOutcome.Skipped);
        }

        var stored = await subscribers.GetAsync(phone, cancellationToken);
        if (stored is null)
        {
            return new Prepared(NudgeOutcome.NotActive);
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
            return new Prepared(await SendHeldConfirmationAsync(subscriber, item, localDate, cancellationToken));
        }

        if (subscriber.Status != SubscriberStatus.Active)
        {
            return new Prepared(NudgeOutcome.NotActive);
        }

        var now = time.GetUtcNow();
        var decision = SendSchedule.Evaluate(zone, item.DueUtc, now, options.Value);
        if (decision == SendDecision.NotYetDue)
        {
            return new Prepared(NudgeOutcome.Skipped);
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

        // A skip is recorded under the day's key, so the day is accounted for and cannot be sent later, stale.
        return skipReason is null
            ? new Prepared(NudgeOutcome.Sent, claim, subscriber, prompt)
            : new Prepared(NudgeOutcome.Skipped, claim with { Status = DeliveryStatus.Skipped, Detail = skipReason }, subscriber, prompt, skipReason);
    }

    /// <summary>Everything after the claim: send when it was won, record the outcome, count it.</summary>
    private async Task<NudgeOutcome> FinishAsync(Prepared prepared, bool won, SemaphoreSlim? statsGate, CancellationToken cancellationToken)
    {
        var claim = prepared.Claim!;
        var phone = claim.Phone;
        var key = claim.Key;
        var localDate = claim.LocalDate;
        if (prepared.SkipReason is { } skipReason)
        {
            LogSkipped(phone.Masked, key, skipReason);
            return NudgeOutcome.Skipped;
        }

        if (!won)
        {
            await ExpireStaleClaimAsync(phone, key, claim.ClaimedAt, cancellationToken);
            return NudgeOutcome.AlreadyClaimed;
        }

        var prompt = prepared.Prompt!;
        // Every nudge names the program; the first and every 7th after it also say how to stop.
        var body = texts.Nudge(prompt.Text, prepared.Subscriber!.NudgesSent);
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
        if (statsGate is not null)
        {
            await statsGate.WaitAsync(CancellationToken.None);
        }

        try
        {
            await stats.IncrementAsync(
                localDate, prompt.Id, sent ? StatCounter.Sent : StatCounter.Failed, StatEvents.ForDelivery(claim), CancellationToken.None);
        }
        finally
        {
            statsGate?.Release();
        }

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

    // Per subscriber, so Debug: the batch line (3101) counts the skips.
    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Skipped {Phone} for {Key}: {Reason}")]
    private partial void LogSkipped(string phone, string key, string reason);

    private enum NudgeOutcome
    {
        Sent,
        Skipped,
        NotActive,
        AlreadyClaimed,
        Failed,
    }

    /// <summary>
    /// One item before its claim: the <paramref name="Outcome"/> when there is nothing to claim; otherwise the
    /// <paramref name="Claim"/> with what the send needs (or the reason the day is skipped).
    /// </summary>
    private sealed record Prepared(
        NudgeOutcome Outcome,
        DeliveryRecord? Claim = null,
        Subscriber? Subscriber = null,
        Prompt? Prompt = null,
        string? SkipReason = null);
}

/// <summary>Counts from one SendBatch run.</summary>
public sealed record BatchResult(int Sent, int Skipped, int AlreadyClaimed, int Failed);
