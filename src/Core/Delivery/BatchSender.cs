using System.Collections.Concurrent;
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
/// The claim makes a redelivered or concurrently processed batch harmless. For a row the scan moved without reading the
/// subscriber (<see cref="NudgeItem.Plan"/>), the one subscriber update after the send also records the move, and a
/// subscriber that moved on since its row was written gets nothing (the row was stale). Stats are counted per batch.
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
    IStoreTransactions transactions,
    ReplyTexts texts,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<BatchSender> logger)
{
    public async Task<BatchResult> SendAsync(NudgeBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tally = new int[Enum.GetValues<NudgeOutcome>().Length];
        var stages = new SendStageTimes(time);
        if (batch.Items.Count > 0)
        {
            // Before any text: the batch's numbers, noted once (one row on Table Storage, nothing on SQLite) so the body
            // retention sweep can find their message log rows by day.
            await retention.NoteOutboundAsync(BatchPhones(batch), time.GetUtcNow(), cancellationToken);

            // Each send adds its stat event here (safe from concurrent sends); the batch writes them together at the end.
            var counts = new ConcurrentQueue<StatIncrement>();
            try
            {
                // The library is read once per batch and prepared once for rotation.
                var library = PromptPool.From((await prompts.ListAsync(cancellationToken)).Select(p => p.Value));
                var (firsts, repeats) = SplitRepeats(batch.Items);
                await SendConcurrentlyAsync(firsts, library, tally, counts, stages, cancellationToken);

                // A phone listed again in the same batch: only after its earlier item has finished, in batch order.
                foreach (var item in repeats)
                {
                    Count(tally, await SendOneAsync(item, library, counts, stages, cancellationToken));
                }
            }
            finally
            {
                await CountAsync(counts);
            }
        }

        var result = new BatchResult(
            tally[(int)NudgeOutcome.Sent],
            tally[(int)NudgeOutcome.Skipped] + tally[(int)NudgeOutcome.NotActive],
            tally[(int)NudgeOutcome.AlreadyClaimed],
            tally[(int)NudgeOutcome.Failed]);
        LogBatch(
            batch.Items.Count,
            result.Sent,
            result.Skipped,
            result.AlreadyClaimed,
            result.Failed,
            stages.MeanMilliseconds(SendStage.Prepare),
            stages.MeanMilliseconds(SendStage.Claim),
            stages.MeanMilliseconds(SendStage.SendSlot),
            stages.MeanMilliseconds(SendStage.Send),
            stages.MeanMilliseconds(SendStage.Record));
        return result;
    }

    private static List<PhoneNumber> BatchPhones(NudgeBatch batch) =>
        [.. batch.Items.Select(i => PhoneNumber.TryFromE164(i.Phone, out var phone, out _) ? phone : null).OfType<PhoneNumber>()];

    /// <summary>
    /// Sends to distinct subscribers with at most <see cref="DeliveryOptions.SendConcurrency"/> texts in flight (the
    /// pacer in the gateway stays the only brake on the rate). Subscribers are prepared and claimed a chunk of
    /// SendConcurrency at a time, each chunk's claims in one store transaction, and a chunk is claimed only when the
    /// previous one has started sending: a crash leaves at most one chunk claimed but never tried (recorded as
    /// unknown after <see cref="DeliveryOptions.ClaimLease"/>, as a crash mid-send is). Sends in flight always finish
    /// and are recorded before the batch returns or fails; after a failed send no further chunk is claimed.
    /// </summary>
    private async Task SendConcurrentlyAsync(
        List<NudgeItem> items,
        PromptPool library,
        int[] tally,
        ConcurrentQueue<StatIncrement> counts,
        SendStageTimes stages,
        CancellationToken cancellationToken)
    {
        var concurrency = options.Value.SendConcurrency;
        using var inFlight = new SemaphoreSlim(concurrency, concurrency);
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

                var started = stages.Start();
                var prepared = await Task.WhenAll(chunk.Select(item => PrepareAsync(item, library, cancellationToken)));
                stages.Add(SendStage.Prepare, started, chunk.Length);
                var claims = prepared.Where(p => p.Claim is not null).Select(p => p.Claim!).ToList();
                // The inserts are the claims (a conflict means someone has the day); each won claim carries the tag the
                // outcome write needs.
                started = stages.Start();
                var tags = await deliveries.TryClaimManyAsync(claims, cancellationToken);
                stages.Add(SendStage.Claim, started, claims.Count);
                var next = 0;
                foreach (var one in prepared)
                {
                    if (one.Claim is null)
                    {
                        Count(tally, one.Outcome);
                        continue;
                    }

                    var tag = tags[next++];
                    started = stages.Start();
                    await inFlight.WaitAsync(cancellationToken);
                    stages.Add(SendStage.SendSlot, started);
                    running.Add(FinishReleasingAsync(one, tag, tally, counts, stages, inFlight, cancellationToken));
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
        Prepared prepared,
        string? claimTag,
        int[] tally,
        ConcurrentQueue<StatIncrement> counts,
        SendStageTimes stages,
        SemaphoreSlim inFlight,
        CancellationToken cancellationToken)
    {
        try
        {
            Count(tally, await FinishAsync(prepared, claimTag, counts, stages, cancellationToken));
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
    private async Task<NudgeOutcome> SendOneAsync(
        NudgeItem item, PromptPool library, ConcurrentQueue<StatIncrement> counts, SendStageTimes stages, CancellationToken cancellationToken)
    {
        var started = stages.Start();
        var prepared = await PrepareAsync(item, library, cancellationToken);
        stages.Add(SendStage.Prepare, started);
        if (prepared.Claim is null)
        {
            return prepared.Outcome;
        }

        started = stages.Start();
        var claimTag = await deliveries.TryClaimTaggedAsync(prepared.Claim, cancellationToken);
        stages.Add(SendStage.Claim, started);
        return await FinishAsync(prepared, claimTag, counts, stages, cancellationToken);
    }

    /// <summary>
    /// Everything before the claim: re-read the subscriber (a STOP since the scan wins), resume an ended pause, decide,
    /// pick the prompt. Returns the outcome when there is nothing to claim (having recorded the scan's move), otherwise the
    /// claim (a skip is claimed too, with its reason).
    /// </summary>
    private async Task<Prepared> PrepareAsync(NudgeItem item, PromptPool library, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.TryFromE164(item.Phone, out var phone, out _))
        {
            return new Prepared(NudgeOutcome.Skipped, item);
        }

        var read = await subscribers.GetAsync(phone, cancellationToken);
        if (read is null || (item.Plan is not null && MovedOn(read.Value, item)))
        {
            // Nobody, or a subscriber whose row was stale (it moved on since): the row the scan moved it to is garbage.
            await DropMovedRowAsync(item, read?.Value, cancellationToken);
            return new Prepared(NudgeOutcome.NotActive, item);
        }

        var subscriber = read.Value;
        var zone = subscriber.TimeZone;
        var localDate = SendSchedule.LocalDate(zone, item.DueUtc);
        if (subscriber.Status == SubscriberStatus.Paused && subscriber.PausedUntil < localDate)
        {
            subscriber = await ResumeAsync(subscriber, cancellationToken) ?? subscriber;
            read = null; // written since: the update after the send reads again
        }

        if (subscriber.Status == SubscriberStatus.Pending)
        {
            return new Prepared(await SendHeldConfirmationAsync(subscriber, read, item, localDate, cancellationToken), item);
        }

        if (subscriber.Status != SubscriberStatus.Active)
        {
            await AdvanceAsync(phone, read, item, null, cancellationToken);
            return new Prepared(NudgeOutcome.NotActive, item);
        }

        var now = time.GetUtcNow();
        var decision = SendSchedule.Evaluate(zone, item.DueUtc, now, options.Value);
        if (decision == SendDecision.NotYetDue)
        {
            await AdvanceAsync(phone, read, item, null, cancellationToken);
            return new Prepared(NudgeOutcome.Skipped, item);
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
            ? new Prepared(NudgeOutcome.Sent, item, claim, read, subscriber, prompt)
            : new Prepared(NudgeOutcome.Skipped, item, claim with { Status = DeliveryStatus.Skipped, Detail = skipReason }, read, subscriber, prompt, skipReason);
    }

    /// <summary>
    /// Everything after the claim: send when it was won (<paramref name="claimTag"/> not null), record the outcome, the
    /// subscriber's one update (with the scan's move) and the stat event.
    /// </summary>
    private async Task<NudgeOutcome> FinishAsync(
        Prepared prepared, string? claimTag, ConcurrentQueue<StatIncrement> counts, SendStageTimes stages, CancellationToken cancellationToken)
    {
        var claim = prepared.Claim!;
        var item = prepared.Item;
        var read = prepared.Read;
        var phone = claim.Phone;
        var key = claim.Key;
        var localDate = claim.LocalDate;
        if (prepared.SkipReason is { } skipReason)
        {
            LogSkipped(phone.Masked, key, skipReason);
            await AdvanceAsync(phone, read, item, null, cancellationToken);
            return NudgeOutcome.Skipped;
        }

        if (claimTag is null)
        {
            await ExpireStaleClaimAsync(phone, key, claim.ClaimedAt, cancellationToken);
            await AdvanceAsync(phone, read, item, null, cancellationToken);
            return NudgeOutcome.AlreadyClaimed;
        }

        var prompt = prepared.Prompt!;
        // Every nudge names the program; the first and every 7th after it also say how to stop.
        var body = texts.Nudge(prompt.Text, prepared.Subscriber!.NudgesSent);
        var started = stages.Start();
        var sent = await sender.SendUnrecordedAsync(phone, body, OutboundMessageKinds.Nudge, key, cancellationToken);
        stages.Add(SendStage.Send, started);
        var result = sent.Result;
        var accepted = result.Outcome is SmsSendOutcome.Accepted or SmsSendOutcome.Unknown;
        var optedOut = result.ErrorCode == DeliveryErrorCodes.OptedOut;
        var outcome = Outcome(claim, result, time.GetUtcNow());
        Func<Subscriber, Subscriber>? remember = accepted
            ? s => s.RememberPrompt(prompt.Id) with { LastSentLocalDate = localDate, NudgesSent = s.NudgesSent + 1 }
            : null;

        // The send's writes, in this order as before (a write that fails stops the rest): the message log, the outcome
        // (advance, not overwrite: a status callback may already have moved the delivery further) and the subscriber's
        // one update. On SQLite they commit together with the writes of the other sends that finished meanwhile (one
        // transaction for many), and this returns after that commit.
        started = stages.Start();
        await transactions.RunGroupedAsync(
            async () =>
            {
                await sender.RecordAsync(sent, CancellationToken.None);
                await deliveries.TryAdvanceClaimAsync(outcome, claimTag, CancellationToken.None);
                if (!optedOut)
                {
                    await AdvanceAsync(phone, read, item, remember, CancellationToken.None);
                }

                return true;
            },
            CancellationToken.None);
        stages.Add(SendStage.Record, started);

        if (optedOut)
        {
            // Twilio refused because the number opted out (21610): honour it as the status callback path does, then record
            // the scan's move on the subscriber as it is now.
            await subscriptions.ChangeStatusAsync(
                phone, SubscriberStatus.Stopped, ConsentSources.Carrier, DeliveryErrorCodes.Describe(DeliveryErrorCodes.OptedOut),
                cancellationToken: CancellationToken.None);
            await AdvanceAsync(phone, null, item, remember, CancellationToken.None);
        }

        // Counted once per claimed send (the claim makes a redelivered batch skip this, the event id a retried request),
        // on the recipient's local date; written with the rest of the batch.
        counts.Enqueue(new StatIncrement(localDate, prompt.Id, accepted ? StatCounter.Sent : StatCounter.Failed, StatEvents.ForDelivery(claim)));
        return accepted ? NudgeOutcome.Sent : NudgeOutcome.Failed;
    }

    /// <summary>
    /// A confirmation held for quiet hours: sent once inside the window (claimed as <c>{date}-confirm</c> so a
    /// redelivered batch does not send it twice); outside it, held again until the next window opens.
    /// </summary>
    private async Task<NudgeOutcome> SendHeldConfirmationAsync(
        Subscriber subscriber, Stored<Subscriber>? read, NudgeItem item, DateOnly localDate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < item.DueUtc)
        {
            return NudgeOutcome.Skipped;
        }

        if (subscriptions.ConfirmationHeldUntil(subscriber.TimeZone, now) is { } later)
        {
            // The row is gone (the scan moved it to nothing); a scan that moved it without this update left the instant.
            var moved = item.Plan is not null;
            await updater.UpdateAsync(
                subscriber.Phone,
                s => s.Status == SubscriberStatus.Pending && (s.NextDueUtc is null || (moved && s.NextDueUtc <= item.DueUtc))
                    ? s with { NextDueUtc = later }
                    : null,
                cancellationToken);
            return NudgeOutcome.Skipped;
        }

        var key = DeliveryRecord.DailyKey(localDate) + "-confirm";
        var claim = new DeliveryRecord(subscriber.Phone, key, localDate, null, DeliveryStatus.Claimed, now, now)
        {
            ClaimId = DeliveryRecord.NewClaimId(),
            Detail = "confirmation request held for quiet hours",
        };
        var claimTag = await deliveries.TryClaimTaggedAsync(claim, cancellationToken);
        if (claimTag is null)
        {
            await ExpireStaleClaimAsync(subscriber.Phone, key, now, cancellationToken);
            await AdvanceAsync(subscriber.Phone, read, item, null, cancellationToken);
            return NudgeOutcome.AlreadyClaimed;
        }

        var sent = await subscriptions.SendHeldConfirmationAsync(subscriber, cancellationToken);
        await deliveries.TryAdvanceClaimAsync(
            claim with { Status = sent ? DeliveryStatus.Accepted : DeliveryStatus.Failed, UpdatedAt = time.GetUtcNow() },
            claimTag,
            CancellationToken.None);
        await AdvanceAsync(subscriber.Phone, read, item, null, CancellationToken.None);
        return sent ? NudgeOutcome.Sent : NudgeOutcome.Failed;
    }

    /// <summary>
    /// The one subscriber write of a send: <paramref name="change"/> (if any) and, for a row the scan moved
    /// (<see cref="NudgeItem.Plan"/>), the move to <see cref="NudgeItem.NextDueUtc"/>. Conditional on the ETag of
    /// <paramref name="read"/> (no second read); re-read and re-applied only when someone wrote meanwhile.
    /// </summary>
    private async Task AdvanceAsync(
        PhoneNumber phone, Stored<Subscriber>? read, NudgeItem item, Func<Subscriber, Subscriber>? change, CancellationToken cancellationToken)
    {
        if (item.Plan is null && change is null)
        {
            return; // the scan recorded the move itself
        }

        var now = time.GetUtcNow();
        var moved = item.Plan is null
            ? null
            : new ScheduleMove(
                new ScheduleEntry(item.Phone, item.DueUtc) { Plan = item.Plan },
                item.NextDueUtc is { } next ? new ScheduleEntry(item.Phone, next) { Plan = item.Plan } : null);
        await updater.UpdateAsync(
            phone,
            read,
            s =>
            {
                var advanced = Advanced(s, item, now);
                return change is null ? advanced : change(advanced);
            },
            moved,
            cancellationToken);
    }

    /// <summary>
    /// True when the item came from a stale row: the subscriber's due instant is gone or past the item's, and is not where
    /// this very move took it (a redelivered or concurrent copy of the batch recorded it; that copy still goes on to the
    /// claim, which stops a second send and expires a claim whose sender died).
    /// </summary>
    private static bool MovedOn(Subscriber subscriber, NudgeItem item) =>
        subscriber.NextDueUtc != item.NextDueUtc && (subscriber.NextDueUtc is not { } due || due > item.DueUtc);

    /// <summary>
    /// The subscriber with the scan's move recorded: <see cref="Subscriber.NextDueUtc"/> goes from the item's instant (or
    /// an earlier one, whose send never recorded its move) to <see cref="NudgeItem.NextDueUtc"/>. A subscriber that moved
    /// on is left as it is; one whose plan changed after its row was written gets the next instant of its plan as it is now.
    /// </summary>
    internal static Subscriber Advanced(Subscriber subscriber, NudgeItem item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(item);
        if (item.Plan is not { } plan || subscriber.NextDueUtc is not { } due || due > item.DueUtc)
        {
            return subscriber; // not a moved row, or the subscriber moved on (or this move is recorded already)
        }

        if (subscriber.Status is not (SubscriberStatus.Active or SubscriberStatus.Paused or SubscriberStatus.Pending))
        {
            return subscriber with { NextDueUtc = null };
        }

        var current = SchedulePlan.Of(subscriber);
        if (current == plan)
        {
            return subscriber with { NextDueUtc = item.NextDueUtc };
        }

        var zone = subscriber.TimeZone;
        var notBefore = item.DueUtc.AddSeconds(1) > now ? item.DueUtc.AddSeconds(1) : now;
        return subscriber with
        {
            NextDueUtc = current.Held ? null : SendSchedule.NextDue(zone, subscriber.SendAt, SendSchedule.LocalDate(zone, item.DueUtc), notBefore),
        };
    }

    /// <summary>Removes the row the scan moved a stale item to, unless the subscriber points at it or it was written since.</summary>
    private async Task DropMovedRowAsync(NudgeItem item, Subscriber? subscriber, CancellationToken cancellationToken)
    {
        if (item.Plan is not null && item.NextDueUtc is { } next && subscriber?.NextDueUtc != next && item.NextRowTag is { Length: > 0 } tag)
        {
            await updater.DropMovedRowAsync(new ScheduleEntry(item.Phone, next), tag, cancellationToken);
        }
    }

    /// <summary>Writes the batch's stat events; counting is best effort and never fails the batch.</summary>
    private async Task CountAsync(ConcurrentQueue<StatIncrement> counts)
    {
        if (counts.IsEmpty)
        {
            return;
        }

        try
        {
            await stats.IncrementManyAsync([.. counts], CancellationToken.None);
        }
#pragma warning disable CA1031 // Stats are a side channel; losing counts must not fail (and so repeat) a batch that was sent.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCountFailed(ex, counts.Count);
        }
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

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Could not count the stats of {Count} sends of a batch")]
    private partial void LogCountFailed(Exception exception, int count);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Delivery {Key} of {Phone} was claimed but never finished; recorded as unknown, not resent")]
    private partial void LogClaimExpired(string phone, string key);

    // The stage means say where a slow batch waited (SendStageTimes); docs/benchmarks.md reads them from the load harness.
    [LoggerMessage(
        EventId = 3101,
        Level = LogLevel.Information,
        Message = "Batch of {Count}: {Sent} sent, {Skipped} skipped, {Claimed} already claimed, {Failed} failed; mean ms per item: " +
            "prepare {PrepareMs}, claim {ClaimMs}, send slot {SendSlotMs}, send {SendMs}, record {RecordMs}")]
    private partial void LogBatch(
        int count, int sent, int skipped, int claimed, int failed, double prepareMs, double claimMs, double sendSlotMs, double sendMs, double recordMs);

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
        NudgeItem Item,
        DeliveryRecord? Claim = null,
        Stored<Subscriber>? Read = null,
        Subscriber? Subscriber = null,
        Prompt? Prompt = null,
        string? SkipReason = null);
}

/// <summary>Counts from one SendBatch run.</summary>
public sealed record BatchResult(int Sent, int Skipped, int AlreadyClaimed, int Failed);
