namespace Reminders.Core.Prompts;

/// <summary>
/// How a prompt goes out as the daily nudge: it always starts with the program name (<c>Reminders: ...</c>), and the
/// first nudge and every 7th after it end with <see cref="StopSuffix"/>. Every count of a prompt's length (the
/// validator, the library rules, the admin page) measures the longest form, so the segments counted are the segments
/// a subscriber is billed.
/// </summary>
public static class NudgeFormat
{
    /// <summary>The default program name, as in <see cref="ProgramOptions.Name"/>.</summary>
    public const string DefaultProgramName = "Reminders";

    /// <summary>The reminder of how to stop, on the first nudge and every 7th after it.</summary>
    public const string StopSuffix = " Reply STOP to end.";

    /// <summary>Nudges between two that carry <see cref="StopSuffix"/>.</summary>
    public const int StopReminderEvery = 7;

    private const string PrefixSeparator = ": ";

    /// <summary>The prefix every nudge starts with: the program name and a colon.</summary>
    public static string Prefix(string programName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        return programName.Trim() + PrefixSeparator;
    }

    /// <summary>Whether the nudge after <paramref name="nudgesSentBefore"/> earlier ones carries the STOP reminder.</summary>
    public static bool CarriesStopReminder(int nudgesSentBefore) => nudgesSentBefore <= 0 || nudgesSentBefore % StopReminderEvery == 0;

    /// <summary>
    /// The nudge for <paramref name="promptText"/> after <paramref name="nudgesSentBefore"/> earlier nudges. It runs once
    /// per subscriber at a peak, so it builds the message in one allocation: no prefix or trimmed copy on the way.
    /// </summary>
    public static string Render(string programName, string promptText, int nudgesSentBefore)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(programName);
        ArgumentException.ThrowIfNullOrWhiteSpace(promptText);
        var name = programName.AsSpan().Trim();
        var text = promptText.AsSpan().Trim();
        return CarriesStopReminder(nudgesSentBefore)
            ? string.Concat(name, PrefixSeparator, text, StopSuffix)
            : string.Concat(name, PrefixSeparator, text);
    }

    /// <summary>The longest form of a nudge (prefix and suffix), the one every length check measures.</summary>
    public static string Longest(string programName, string promptText) =>
        Prefix(programName) + (promptText ?? string.Empty).Trim() + StopSuffix;
}
