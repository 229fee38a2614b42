using System.Globalization;
using Microsoft.Extensions.Options;
using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Conversations;

/// <summary>
/// Every text the service writes in a conversation, branded with <see cref="ProgramOptions.Name"/>. All of them use
/// only GSM-7 characters (no curly quotes or dashes), and every system text (confirmation request, welcomes, HELP,
/// STOP, START, PAUSE/RESUME, TIME and ZONE, the ambiguous-reply answer) fits one segment with a 20-character name
/// and a 30-character support contact. Wording follows carrier rules: the opt-in confirmation names the program, the
/// frequency, HELP, STOP and "Msg&amp;data rates may apply"; HELP adds the support contact; the STOP confirmation is a
/// single text that promises no more.
/// </summary>
public sealed class ReplyTexts
{
    /// <summary>The longest reply we write, in characters (only WHY and MORE may need it).</summary>
    public const int MaxLength = 320;

    private const string Rates = "Msg&data rates may apply.";
    private readonly string _name;
    private readonly string? _contact;

    public ReplyTexts(IOptions<ProgramOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.Name, options.Value.SupportContact)
    {
    }

    private ReplyTexts(string name, string? contact)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!SmsSegmentCounter.IsGsm7(name) || (contact is not null && !SmsSegmentCounter.IsGsm7(contact)))
        {
            throw new ArgumentException(
                "Program:Name and Program:SupportContact must use only GSM-7 characters (no curly quotes, dashes or emoji), or every reply turns into UCS-2.",
                nameof(name));
        }

        _name = name.Trim();
        _contact = string.IsNullOrWhiteSpace(contact) ? null : contact.Trim();
    }

    /// <summary>Texts for the program called <paramref name="programName"/>, with <paramref name="supportContact"/> in HELP.</summary>
    public static ReplyTexts For(string programName, string? supportContact = null) => new(programName, supportContact);

    /// <summary>The program name every text starts with.</summary>
    public string ProgramName => _name;

    /// <summary>HELP / INFO: name, frequency, support contact, how to tailor the ideas, how to stop, rates.</summary>
    public string Help() =>
        $"{_name}: 1 msg/day. {(_contact is null ? string.Empty : $"Help: {_contact}. ")}"
        + $"Reply PETS/NO PETS (KIDS, PARTNER too) to tailor, STOP to end. {Rates}";

    /// <summary>The double opt-in request sent after a web signup.</summary>
    public string ConfirmationRequest() =>
        $"{_name}: Reply YES to get 1 msg/day with a small habit for closer connection. "
        + $"Reply HELP for help, STOP to cancel. {Rates}";

    /// <summary>A pending signup replied YES.</summary>
    public string Confirmed(TimeOnly sendAt, string timeZoneId) =>
        $"{_name}: You're in! 1 msg/day at {Time(sendAt)} {ZoneLabel(timeZoneId)} time. Reply HELP for help, STOP to end. {Rates}";

    /// <summary>A new handset texted START/YES/JOIN and was subscribed with the default zone and time.</summary>
    public string TextInWelcome(TimeOnly sendAt, string timeZoneId) => $"{_name}: Welcome! 1 msg/day at {Time(sendAt)} {ZoneLabel(timeZoneId)} time. Reply TIME or ZONE to change, HELP for help, STOP to end. {Rates}";

    /// <summary>A stopped subscriber texted START.</summary>
    public string Resubscribed(TimeOnly sendAt) =>
        $"{_name}: Welcome back! 1 msg/day at {Time(sendAt)}. Reply HELP for help, STOP to end. {Rates}";

    /// <summary>An active subscriber texted START again.</summary>
    public string AlreadySubscribed(TimeOnly sendAt) =>
        $"{_name}: You're already subscribed; your daily text comes at {Time(sendAt)}. Reply HELP for help, STOP to end.";

    /// <summary>The single confirmation after an opt-out; nothing follows it.</summary>
    public string StopConfirmation() =>
        $"{_name}: You're unsubscribed and will get no more texts. Reply START to rejoin.";

    /// <summary>A sentence that mentions a stop word but may not mean it (sent at most once a day).</summary>
    public string ReplyStopToUnsubscribe() =>
        $"{_name}: Reply STOP to unsubscribe, PAUSE to take a week off, or HELP for help.";

    /// <summary>A pending subscriber sent something other than YES or STOP.</summary>
    public string ConfirmFirst() =>
        $"{_name}: Please reply YES to confirm your subscription first, or STOP to cancel.";

    /// <summary>An unknown number sent something other than START/YES/JOIN.</summary>
    public string NotSubscribed() =>
        $"{_name}: You're not subscribed. Reply START for 1 msg/day with a small habit for closer connection. {Rates}";

    /// <summary>PAUSE accepted: no texts for <paramref name="days"/> days, back on <paramref name="resumesOn"/>.</summary>
    public string Paused(int days, DateOnly resumesOn) =>
        $"{_name}: Paused for {days} {(days == 1 ? "day" : "days")}. Texts resume {resumesOn.ToString("ddd MMM d", CultureInfo.InvariantCulture)}. "
        + "Reply RESUME to restart sooner.";

    /// <summary>RESUME accepted.</summary>
    public string Resumed(TimeOnly sendAt) =>
        $"{_name}: Welcome back! Your next text comes at {Time(sendAt)}.";

    /// <summary>RESUME from someone who is not paused.</summary>
    public string NotPaused(TimeOnly sendAt) =>
        $"{_name}: You're not paused; your daily text comes at {Time(sendAt)}.";

    /// <summary>TIME accepted.</summary>
    public string TimeChanged(TimeOnly sendAt) =>
        $"{_name}: Got it. Your daily text now comes at {Time(sendAt)}.";

    /// <summary>TIME without a usable time, or outside the sending window.</summary>
    public string TimeHelp(TimeOnly earliest, TimeOnly latest) =>
        $"{_name}: To change your time, reply TIME and a time from {Time(earliest)} to {Time(latest)}, like TIME 7:30am or TIME 6pm.";

    /// <summary>ZONE accepted.</summary>
    public string ZoneChanged(string timeZoneId, TimeOnly sendAt) =>
        $"{_name}: Got it. Your time zone is now {timeZoneId}; your daily text comes at {Time(sendAt)} there.";

    /// <summary>ZONE without a recognised zone.</summary>
    public string ZoneHelp() =>
        $"{_name}: To change your time zone, reply ZONE and a zone, like ZONE Eastern, ZONE Pacific or ZONE Europe/London.";

    /// <summary>PETS, NO PARTNER...: who the ideas may now include, and how to change it.</summary>
    public string HouseholdChanged(Household household)
    {
        var parts = new List<string>(3);
        if (household.HasFlag(Household.Partner))
        {
            parts.Add("a partner");
        }

        if (household.HasFlag(Household.Children))
        {
            parts.Add("kids");
        }

        if (household.HasFlag(Household.Pets))
        {
            parts.Add("pets");
        }

        return parts.Count == 0
            ? $"{_name}: Got it. Ideas won't assume a partner, kids or pets. Reply PARTNER, KIDS or PETS to change."
            : $"{_name}: Got it. Ideas may now include {string.Join(", ", parts)}. Reply NO PARTNER, NO KIDS or NO PETS to change.";
    }

    /// <summary>DONE: acknowledged without streaks or pressure.</summary>
    public string Done() => $"{_name}: Nice. Logged for today. See you tomorrow.";

    /// <summary>DONE before today's text went out.</summary>
    public string DoneBeforeNudge() => $"{_name}: Nice! Today's idea hasn't gone out yet; it's still coming.";

    /// <summary>WHY: the science line behind today's prompt, shortened to fit.</summary>
    public string Why(string? whyLine) =>
        string.IsNullOrWhiteSpace(whyLine)
            ? $"{_name}: No habit has gone out yet today. Reply WHY after today's text for the idea behind it."
            : Fit("Why: " + whyLine.Trim());

    /// <summary>MORE: the extra prompt, labelled when it fits.</summary>
    public static string More(string promptText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(promptText);
        var labelled = "Bonus: " + promptText.Trim();
        return labelled.Length <= MaxLength ? labelled : Fit(promptText.Trim());
    }

    /// <summary>MORE after the daily cap.</summary>
    public string MoreLimitReached(int perDay) =>
        $"{_name}: That's all for today ({perDay} extra {(perDay == 1 ? "idea" : "ideas")} max). See you tomorrow!";

    /// <summary>MORE when no unused prompt is left.</summary>
    public string NoMorePrompts() => $"{_name}: No new ideas left for today. See you tomorrow!";

    /// <summary>Anything else (sent at most once a day per number).</summary>
    public string Unknown() =>
        $"{_name}: Sorry, I didn't get that. Reply HELP for options or STOP to unsubscribe.";

    /// <summary>The daily nudge for <paramref name="promptText"/>, after <paramref name="nudgesSentBefore"/> earlier ones.</summary>
    public string Nudge(string promptText, int nudgesSentBefore) => NudgeFormat.Render(_name, promptText, nudgesSentBefore);

    /// <summary>A local time as a subscriber writes it: <c>7am</c>, <c>7:30pm</c>, <c>12pm</c>.</summary>
    public static string Time(TimeOnly time)
    {
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var suffix = time.Hour < 12 ? "am" : "pm";
        return time.Minute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hour}{suffix}")
            : string.Create(CultureInfo.InvariantCulture, $"{hour}:{time.Minute:00}{suffix}");
    }

    /// <summary>
    /// A short name for a zone, as a subscriber would say it: <c>Eastern</c> for America/New_York, else the city of the
    /// IANA id with spaces (<c>Buenos Aires</c>), so a welcome stays one segment whatever the zone.
    /// </summary>
    public static string ZoneLabel(string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        if (TimeZoneNames.ShortName(timeZoneId) is { } known)
        {
            return known;
        }

        var slash = timeZoneId.LastIndexOf('/');
        return (slash >= 0 ? timeZoneId[(slash + 1)..] : timeZoneId).Replace('_', ' ');
    }

    private static string Fit(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 3), "...");
}
