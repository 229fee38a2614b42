using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Conversations;
using Reminders.Core.Privacy;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Storage;

namespace Reminders.Core.Subscribers;

/// <summary>Signups and admin changes to subscriptions. Every status change goes through <see cref="SubscriberLifecycle"/>.</summary>
public sealed partial class SubscriptionService(
    ISubscriberStore subscribers,
    SubscriberUpdater updater,
    IConsentLog consent,
    MessageSender sender,
    TimeProvider time,
    IOptions<SignupOptions> signupOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    ReplyTexts texts,
    SignupLimits limits,
    ILogger<SubscriptionService> logger,
    PersonalDataService privacy)
{
    private readonly SignupOptions _signup = signupOptions.Value;
    private readonly DeliveryOptions _delivery = deliveryOptions.Value;

    /// <summary>
    /// Creates a pending subscriber and hands its confirmation text to <paramref name="outbox"/>; nothing is sent inside
    /// the request (<see cref="ConfirmationSender"/> sends it from the queue). A repeat signup for a pending number asks
    /// for the confirmation again at most once per local day and refreshes the preferences; it never demotes an active or
    /// paused subscriber and never re-activates a stopped one. Every valid signup inside the sending window hands off
    /// one message, whatever the number's state, so neither the answer nor the work done reveals who is subscribed; the
    /// sender reads the subscriber again and sends only to a pending one. Outside the sending window in the signup's
    /// zone the confirmation is held: the subscriber's due-index row is set to the start of the next window, and the due
    /// scan sends it then (<see cref="Delivery.BatchSender"/>).
    /// </summary>
    public async Task<SignupResult> SignUpAsync(SignupRequest request, IConfirmationOutbox outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outbox);
        var errors = new FieldErrors();
        var phone = SubscriptionInput.Phone(request.Phone, _signup, errors);
        var zone = SubscriptionInput.TimeZone(request.TimeZone, errors);
        var sendAt = SubscriptionInput.SendAt(request.SendAt, _delivery, errors);
        var categories = SubscriptionInput.Categories(request.Categories, errors);
        var name = SubscriptionInput.Name(request.Name, errors);
        var household = SubscriptionInput.Household(request.Household, errors);
        if (errors.Count > 0 || phone is null || zone is null || sendAt is null || categories is null || household is null)
        {
            return new SignupResult(SignupOutcome.Invalid, null, errors);
        }

        var now = time.GetUtcNow();
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var heldUntil = ConfirmationHeldUntil(timeZone, now);
        // The day the confirmation goes out (today, or the day of the next window), for the once-a-day resend rule.
        var today = SendSchedule.LocalDate(timeZone, heldUntil ?? now);

        // An erased number that had opted out: only an opt-in texted from the number may subscribe it again. The answer
        // is the same as for a stopped subscriber, and no text is sent (the sender finds no pending subscriber).
        if (await privacy.IsSuppressedAsync(phone, cancellationToken))
        {
            await HandOffAsync(outbox, phone, today, heldUntil, cancellationToken);
            LogSignup(phone.Masked, SignupOutcome.Stopped);
            return new SignupResult(SignupOutcome.Stopped, null, errors);
        }
        var fresh = new Subscriber(phone, SubscriberStatus.Pending, zone, sendAt.Value, categories, name, [], null, heldUntil, null, now, now)
        {
            ConfirmationSentOn = today,
            Household = household.Value,
        };

        if (await updater.InsertAsync(fresh, cancellationToken) is not null)
        {
            await consent.AppendAsync(
                new ConsentEvent(phone, now, ConsentEventKinds.SignedUp, ConsentSources.Api, Detail(request.ClientAddress)),
                cancellationToken);
            await HandOffAsync(outbox, phone, today, heldUntil, cancellationToken);
            if (heldUntil is { } until)
            {
                LogConfirmationHeld(phone.Masked, until);
            }

            LogSignup(phone.Masked, SignupOutcome.Created);
            return new SignupResult(SignupOutcome.Created, fresh, errors) { ConfirmationHeldUntil = heldUntil, TimeZoneId = zone };
        }

        var resend = false;
        var stored = await updater.UpdateAsync(
            phone,
            existing =>
            {
                resend = existing.Status == SubscriberStatus.Pending && existing.ConfirmationSentOn != today;
                return existing.Status != SubscriberStatus.Pending
                    ? existing
                    : existing with
                    {
                        TimeZoneId = zone,
                        SendAt = sendAt.Value,
                        Categories = categories,
                        Name = name ?? existing.Name,
                        Household = household.Value,
                        ConfirmationSentOn = resend ? today : existing.ConfirmationSentOn,
                        NextDueUtc = resend ? heldUntil : existing.NextDueUtc,
                        UpdatedAt = resend ? now : existing.UpdatedAt,
                    };
            },
            cancellationToken);

        var outcome = stored?.Value.Status switch
        {
            SubscriberStatus.Pending when resend => SignupOutcome.ConfirmationResent,
            SubscriberStatus.Pending => SignupOutcome.AlreadyPending,
            SubscriberStatus.Stopped => SignupOutcome.Stopped,
            _ => SignupOutcome.AlreadySubscribed,
        };
        await HandOffAsync(outbox, phone, today, heldUntil, cancellationToken);

        LogSignup(phone.Masked, outcome);
        return new SignupResult(outcome, stored?.Value, errors) { ConfirmationHeldUntil = heldUntil, TimeZoneId = zone };
    }

    /// <summary>
    /// Sends a confirmation that was held for quiet hours, when the subscriber is still pending. Called by the due
    /// scan's batch at the start of the sending window (queued confirmations go through <see cref="ConfirmationSender"/>).
    /// </summary>
    public async Task<bool> SendHeldConfirmationAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.Status != SubscriberStatus.Pending)
        {
            return false;
        }

        var result = await SendConfirmationAsync(subscriber.Phone, cancellationToken);
        return result.Outcome is SmsSendOutcome.Accepted or SmsSendOutcome.Unknown;
    }

    /// <summary>Null when a confirmation may go out at <paramref name="now"/> in <paramref name="zone"/>, else the next window's start.</summary>
    public DateTimeOffset? ConfirmationHeldUntil(TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return _delivery.IsWithinQuietHours(SendSchedule.LocalTime(zone, now))
            ? null
            : SendSchedule.NextDue(zone, _delivery.QuietHoursStart, null, now);
    }

    /// <summary>The subscriber and its ETag, or null.</summary>
    public Task<Stored<Subscriber>?> GetAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        subscribers.GetAsync(phone, cancellationToken);

    /// <summary>A page of subscribers.</summary>
    public Task<Page<Subscriber>> ListAsync(SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        subscribers.ListAsync(status, pageSize, continuationToken, cancellationToken);

    /// <summary>Applies an admin's changes. A status change is recorded as a consent event with source <c>admin</c>.</summary>
    public async Task<UpdateResult> UpdateAsync(PhoneNumber phone, SubscriptionChanges changes, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var errors = new FieldErrors();
        var zone = changes.TimeZone is null ? null : SubscriptionInput.TimeZone(changes.TimeZone, errors);
        var sendAt = changes.SendAt is null ? null : SubscriptionInput.SendAt(changes.SendAt, _delivery, errors);
        var categories = changes.Categories is null ? null : SubscriptionInput.Categories(changes.Categories, errors);
        var name = changes.Name is null ? null : SubscriptionInput.Name(changes.Name, errors);
        var household = changes.Household is null ? null : SubscriptionInput.Household(changes.Household, errors);
        var status = changes.Status is null ? (SubscriberStatus?)null : SubscriptionInput.Status(changes.Status, errors);
        DateOnly? pausedUntil = null;
        if (changes.PausedUntil is not null)
        {
            if (DateOnly.TryParseExact(changes.PausedUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                pausedUntil = date;
            }
            else
            {
                errors.Add("pausedUntil", "pausedUntil must be a date as yyyy-MM-dd.");
            }
        }

        // No zone is a full day behind UTC, so a date before yesterday in UTC is in the past everywhere.
        if (pausedUntil is { } until && until < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1))
        {
            errors.Add("pausedUntil", "pausedUntil is in the past; give the last silent local date (yyyy-MM-dd).");
        }

        if (status == SubscriberStatus.Paused && pausedUntil is null && !errors.ContainsKey("pausedUntil"))
        {
            errors.Add("pausedUntil", "Pausing needs pausedUntil, the last silent local date (yyyy-MM-dd).");
        }

        if (errors.Count > 0)
        {
            return new UpdateResult(null, errors);
        }

        var now = time.GetUtcNow();
        ConsentEvent? consentEvent = null;
        string? refusal = null;
        var stored = await updater.UpdateAsync(
            phone,
            existing =>
            {
                consentEvent = null;
                refusal = null;
                var next = existing with
                {
                    TimeZoneId = zone ?? existing.TimeZoneId,
                    SendAt = sendAt ?? existing.SendAt,
                    Categories = categories ?? existing.Categories,
                    Name = name ?? existing.Name,
                    Household = household ?? existing.Household,
                };
                if (status is { } to)
                {
                    var change = SubscriberLifecycle.Change(next, to, now, ConsentSources.Admin, actor, pausedUntil);
                    if (!change.Succeeded)
                    {
                        refusal = change.Error;
                        return null;
                    }

                    next = change.Subscriber;
                    consentEvent = change.Event;
                }

                if (next.Equals(existing))
                {
                    return existing;
                }

                return SubscriberSchedule.Reschedule(next with { UpdatedAt = now }, now);
            },
            cancellationToken);

        if (refusal is not null)
        {
            errors.Add("status", refusal);
            return new UpdateResult(null, errors);
        }

        if (consentEvent is not null && stored is not null)
        {
            await consent.AppendAsync(consentEvent, cancellationToken);
        }

        return new UpdateResult(stored, errors);
    }

    /// <summary>
    /// Moves a subscriber to <paramref name="to"/> (conversations, delivery callbacks). Returns the lifecycle
    /// result, or null when there is no such subscriber.
    /// </summary>
    public async Task<LifecycleResult?> ChangeStatusAsync(
        PhoneNumber phone,
        SubscriberStatus to,
        string source,
        string? detail,
        DateOnly? pausedUntil = null,
        string? kind = null,
        string? messageSid = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        LifecycleResult? result = null;
        var stored = await updater.UpdateAsync(
            phone,
            existing =>
            {
                result = SubscriberLifecycle.Change(existing, to, now, source, detail, pausedUntil, kind, messageSid);
                return result.Succeeded && result.Event is not null
                    ? SubscriberSchedule.Reschedule(result.Subscriber, now)
                    : null;
            },
            cancellationToken);

        if (stored is null || result is null)
        {
            return null;
        }

        if (result.Event is not null && result.Succeeded)
        {
            await consent.AppendAsync(result.Event, cancellationToken);
            return result with { Subscriber = stored.Value };
        }

        return result;
    }

    /// <summary>Erases everything held on the number (see <see cref="PersonalDataService.EraseAsync"/>).</summary>
    public Task<bool> EraseAsync(PhoneNumber phone, string actor, CancellationToken cancellationToken) =>
        privacy.EraseAsync(phone, actor, cancellationToken);

    // Every confirmation text passes here, so the per-number cap in storage (SignupLimits) bounds them all, whatever
    // zone, instance or path (queued from a signup or resend, held for quiet hours) asked for it.
    internal async Task<SmsSendResult> SendConfirmationAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        await limits.TryTakeConfirmationAsync(phone, cancellationToken)
            ? await sender.SendAsync(phone, texts.ConfirmationRequest(), OutboundMessageKinds.Confirmation, null, cancellationToken)
            : new SmsSendResult(SmsSendOutcome.Rejected, null, null, null, "Confirmation cap reached for this number.");

    // Inside the window every valid signup hands off one message, whatever it found, so that the work per request is the
    // same; outside it the confirmation waits for the due scan, which depends only on the request's zone and time.
    private static async Task HandOffAsync(IConfirmationOutbox outbox, PhoneNumber phone, DateOnly date, DateTimeOffset? heldUntil, CancellationToken cancellationToken)
    {
        if (heldUntil is null)
        {
            await outbox.PostAsync(new ConfirmationMessage(phone.Value, date), cancellationToken);
        }
    }

    private static string? Detail(string? clientAddress) => clientAddress is null ? null : "ip " + clientAddress;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Signup for {Phone}: {Outcome}")]
    private partial void LogSignup(string phone, SignupOutcome outcome);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Confirmation for {Phone} held for quiet hours until {HeldUntil:o}")]
    private partial void LogConfirmationHeld(string phone, DateTimeOffset heldUntil);
}
