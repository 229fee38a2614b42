using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Conversations;

/// <summary>
/// Answers inbound texts (ARCHITECTURE.md section 5). Each MessageSid is applied once: the first delivery of a webhook
/// claims it, applies the command and stores the reply; a retry gets the stored reply and changes nothing. Replies go
/// back as TwiML and are recorded in the message log. Who may do what:
/// <list type="bullet">
/// <item>STOP (any form), START and HELP work for anyone; the answer to an ambiguous "stop" sentence ("don't stop")
/// goes out at most once a day per number, so it cannot loop with an auto-responder;</item>
/// <item>an unknown number gets "not subscribed" (at most once a day), a stopped one gets no answer (nothing may
/// follow the opt-out confirmation), a pending one is asked to reply YES first (at most once a day);</item>
/// <item>PAUSE, RESUME, TIME, ZONE, DONE, MORE, WHY and the household words (PETS, NO PARTNER...) work for active
/// and paused subscribers;</item>
/// <item>anything else gets the short help answer at most once a day per number, then an empty response, so two
/// auto-responders cannot loop.</item>
/// </list>
/// </summary>
public sealed partial class ConversationService(
    ISubscriberStore subscribers,
    IInboundLog inbound,
    ConsentCommands consent,
    PreferenceCommands preferences,
    HabitCommands habits,
    MessageSender sender,
    ReplyTexts texts,
    TimeProvider time,
    IOptions<SignupOptions> signup,
    ILogger<ConversationService> logger)
{
    /// <summary>Applies <paramref name="sms"/> once and returns the reply (the stored one for a retried webhook).</summary>
    public async Task<ConversationResult> HandleAsync(InboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        if (await inbound.GetAsync(sms.MessageSid, cancellationToken) is { } seen)
        {
            return Replay(seen);
        }

        var now = time.GetUtcNow();
        if (!await inbound.TryClaimAsync(new InboundMessage(sms.MessageSid, sms.From, now, null), cancellationToken))
        {
            return Replay(await inbound.GetAsync(sms.MessageSid, cancellationToken));
        }

        string? reply;
        try
        {
            reply = await ApplyAsync(sms, now, cancellationToken);
        }
        catch
        {
            // Let a retry of the webhook apply it; nothing was answered.
            await inbound.ReleaseAsync(sms.MessageSid, CancellationToken.None);
            throw;
        }

        await inbound.SetReplyAsync(sms.MessageSid, reply ?? string.Empty, CancellationToken.None);
        if (!string.IsNullOrEmpty(reply))
        {
            await sender.RecordReplyAsync(sms.From, reply, CancellationToken.None);
        }

        return new ConversationResult(string.IsNullOrEmpty(reply) ? null : reply, false);
    }

    private async Task<string?> ApplyAsync(InboundSms sms, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = InboundCommandParser.Parse(sms.Body, sms.OptOutType);
        var subscriber = (await subscribers.GetAsync(sms.From, cancellationToken))?.Value;
        LogInbound(sms.From.Masked, command.GetType().Name, subscriber?.Status);
        var context = new ConversationContext(sms, command, subscriber, now);
        return command switch
        {
            StopCommand => await consent.StopAsync(context, cancellationToken),
            StartCommand => await consent.StartAsync(context, cancellationToken),
            HelpCommand help => help.HandledByTwilio ? null : texts.Help(),
            AmbiguousStopCommand => subscriber?.Status == SubscriberStatus.Stopped
                ? null
                : await OncePerDayAsync(context, ConversationMarkers.Ambiguous, texts.ReplyStopToUnsubscribe(), cancellationToken),
            _ when subscriber is null => await OncePerDayAsync(context, ConversationMarkers.Help, texts.NotSubscribed(), cancellationToken),
            _ when subscriber.Status == SubscriberStatus.Stopped => null,
            _ when subscriber.Status == SubscriberStatus.Pending => await OncePerDayAsync(context, ConversationMarkers.Help, texts.ConfirmFirst(), cancellationToken),
            PauseCommand pause => await consent.PauseAsync(context, subscriber, pause.Days, cancellationToken),
            ResumeCommand => await consent.ResumeAsync(context, subscriber, cancellationToken),
            TimeCommand change => await preferences.ChangeTimeAsync(context, change.At, cancellationToken),
            ZoneCommand change => await preferences.ChangeZoneAsync(context, change.TimeZoneId, cancellationToken),
            DoneCommand => await habits.DoneAsync(context, subscriber, cancellationToken),
            MoreCommand => await habits.MoreAsync(context, subscriber, cancellationToken),
            WhyCommand => await habits.WhyAsync(context, subscriber, cancellationToken),
            HouseholdCommand change => await preferences.ChangeHouseholdAsync(context, change.Who, change.Has, cancellationToken),
            _ => await OncePerDayAsync(context, ConversationMarkers.Help, texts.Unknown(), cancellationToken),
        };
    }

    /// <summary><paramref name="text"/> the first time today (the sender's local date), null after that.</summary>
    private async Task<string?> OncePerDayAsync(ConversationContext context, string marker, string text, CancellationToken cancellationToken)
    {
        var zone = context.Subscriber?.TimeZone ?? TimeZoneInfo.FindSystemTimeZoneById(signup.Value.DefaultTimeZone);
        var today = SendSchedule.LocalDate(zone, context.Now);
        if (await inbound.TryMarkAsync(context.Phone, marker, today, cancellationToken))
        {
            return text;
        }

        LogQuiet(context.Phone.Masked);
        return null;
    }

    private ConversationResult Replay(InboundMessage? seen)
    {
        LogReplayed(seen?.From.Masked ?? string.Empty, seen?.Reply is not null);
        return new ConversationResult(string.IsNullOrEmpty(seen?.Reply) ? null : seen.Reply, true);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Inbound text from {Phone}: {Command} (subscriber {Status})")]
    private partial void LogInbound(string phone, string command, SubscriberStatus? status);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Inbound webhook from {Phone} seen before (finished: {Finished}); answered without applying it again")]
    private partial void LogReplayed(string phone, bool finished);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "No answer to {Phone}: the once-a-day answer already went out today")]
    private partial void LogQuiet(string phone);
}
