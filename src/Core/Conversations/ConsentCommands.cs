using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Privacy;
using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Conversations;

/// <summary>
/// The replies that change a subscriber's status: STOP, START (confirm, re-activate, or subscribe a new handset),
/// PAUSE and RESUME. Every change goes through <see cref="SubscriptionService.ChangeStatusAsync"/>, which writes the
/// consent event (source <c>sms</c>, detail the keyword, the MessageSid) and moves the due-index row.
/// </summary>
public sealed partial class ConsentCommands(
    SubscriptionService subscriptions,
    SubscriberUpdater updater,
    IConsentLog consentLog,
    NudgeHistory history,
    PromptStatsRecorder stats,
    ReplyTexts texts,
    IOptions<SignupOptions> signup,
    ILogger<ConsentCommands> logger,
    PersonalDataService privacy)
{
    /// <summary>
    /// Stops at once. A STOP within a day of a nudge is counted as an opt-out for that nudge's prompt. When Twilio's
    /// Advanced Opt-Out already answered (<c>OptOutType</c>), no second confirmation is sent.
    /// </summary>
    public async Task<string?> StopAsync(ConversationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await subscriptions.ChangeStatusAsync(
            context.Phone, SubscriberStatus.Stopped, ConsentSources.Sms, context.Keyword, messageSid: context.Sms.MessageSid,
            cancellationToken: cancellationToken);
        if (result is null)
        {
            // Not (or no longer) a subscriber: keep the request as evidence, so a later signup can be judged against it.
            await consentLog.AppendAsync(
                new ConsentEvent(context.Phone, context.Now, ConsentEventKinds.Stopped, ConsentSources.Sms, context.Keyword, context.Sms.MessageSid),
                cancellationToken);
        }
        else if (result.Event is not null)
        {
            var today = SendSchedule.LocalDate(result.Subscriber.TimeZone, context.Now);
            if (await history.LatestWithinOptOutWindowAsync(context.Phone, today, context.Now, cancellationToken) is { } nudge)
            {
                await stats.CountAsync(nudge, StatCounter.OptOut, cancellationToken);
            }
        }

        LogStopped(context.Phone.Masked, context.Command.HandledByTwilio);
        return context.Command.HandledByTwilio ? null : texts.StopConfirmation();
    }

    /// <summary>
    /// START/YES/UNSTOP/JOIN: confirms a pending signup, re-activates a stopped or paused subscriber, or subscribes an
    /// unknown handset (allowed country codes only) with the default zone and time, telling it how to change them.
    /// </summary>
    public async Task<string?> StartAsync(ConversationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var subscriber = context.Subscriber;
        if (subscriber is null)
        {
            var (raced, reply) = await TextInSignupAsync(context, cancellationToken);
            if (!raced)
            {
                return reply;
            }

            // Someone else created the subscriber meanwhile: treat the text as a START for that record.
            subscriber = (await subscriptions.GetAsync(context.Phone, cancellationToken))?.Value;
            if (subscriber is null)
            {
                return null;
            }
        }

        if (subscriber.Status == SubscriberStatus.Active)
        {
            return texts.AlreadySubscribed(subscriber.SendAt);
        }

        var result = await subscriptions.ChangeStatusAsync(
            context.Phone, SubscriberStatus.Active, ConsentSources.Sms, context.Keyword, messageSid: context.Sms.MessageSid,
            cancellationToken: cancellationToken);
        if (result is not { Succeeded: true })
        {
            return null;
        }

        var now = result.Subscriber;
        return subscriber.Status switch
        {
            SubscriberStatus.Pending => texts.Confirmed(now.SendAt, now.TimeZoneId),
            SubscriberStatus.Paused => texts.Resumed(now.SendAt),
            _ => texts.Resubscribed(now.SendAt),
        };
    }

    /// <summary>PAUSE [days]: <paramref name="days"/> silent local days (see <see cref="PausePlan"/>).</summary>
    public async Task<string?> PauseAsync(ConversationContext context, Subscriber subscriber, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subscriber);
        var today = SendSchedule.LocalDate(subscriber.TimeZone, context.Now);
        var decided = subscriber.LastSentLocalDate >= today || await history.IsDecidedAsync(context.Phone, today, cancellationToken);
        var plan = PausePlan.For(today, days, decided);
        var result = await subscriptions.ChangeStatusAsync(
            context.Phone, SubscriberStatus.Paused, ConsentSources.Sms, context.Keyword, plan.LastSilentDay,
            messageSid: context.Sms.MessageSid, cancellationToken: cancellationToken);
        return result is { Succeeded: true } ? texts.Paused(days, plan.ResumesOn) : null;
    }

    /// <summary>RESUME: ends a pause; the next nudge comes at the next send time.</summary>
    public async Task<string?> ResumeAsync(ConversationContext context, Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.Status != SubscriberStatus.Paused)
        {
            return texts.NotPaused(subscriber.SendAt);
        }

        var result = await subscriptions.ChangeStatusAsync(
            context.Phone, SubscriberStatus.Active, ConsentSources.Sms, context.Keyword, messageSid: context.Sms.MessageSid,
            cancellationToken: cancellationToken);
        return result is { Succeeded: true } ? texts.Resumed(result.Subscriber.SendAt) : null;
    }

    /// <summary>
    /// Subscribes a handset that texted in: active at once (the text is the consent), default send time, and the zone of
    /// the number when libphonenumber maps it to exactly one (else <c>Signup:DefaultTimeZone</c>).
    /// <c>Raced</c> when the number existed after all; no reply when the country code is not allowed.
    /// </summary>
    private async Task<(bool Raced, string? Reply)> TextInSignupAsync(ConversationContext context, CancellationToken cancellationToken)
    {
        var options = signup.Value;
        if (!options.IsAllowed(context.Phone))
        {
            LogRefused(context.Phone.Masked);
            return (false, null);
        }

        // The text is an opt-in from the number itself: the one thing that lifts the suppression of an erased number.
        await privacy.LiftSuppressionAsync(context.Phone, cancellationToken);
        var now = context.Now;
        var fresh = SubscriberSchedule.Reschedule(
            new Subscriber(context.Phone, SubscriberStatus.Active, context.Phone.SingleTimeZone ?? options.DefaultTimeZone, options.DefaultSendAt, [], null, [], null, null, null, now, now),
            now);
        if (await updater.InsertAsync(fresh, cancellationToken) is null)
        {
            return (true, null);
        }

        await consentLog.AppendAsync(
            new ConsentEvent(context.Phone, now, ConsentEventKinds.SignedUp, ConsentSources.Sms, context.Keyword, context.Sms.MessageSid),
            cancellationToken);
        LogTextIn(context.Phone.Masked);
        return (false, texts.TextInWelcome(fresh.SendAt, fresh.TimeZoneId));
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "{Phone} opted out by text (Twilio already answered: {HandledByTwilio})")]
    private partial void LogStopped(string phone, bool handledByTwilio);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "{Phone} subscribed by texting in")]
    private partial void LogTextIn(string phone);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Text-in signup from {Phone} refused: country code not allowed")]
    private partial void LogRefused(string phone);
}
