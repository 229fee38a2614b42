using System.Globalization;
using System.Text.RegularExpressions;

namespace Reminders.Core.Prompts;

/// <summary>
/// The rules every prompt must meet, whoever wrote it. The admin API reports these per field; the built-in
/// library must also meet the stricter <see cref="BuiltInLibraryRules"/>. <c>source</c> and <c>enabled</c> are
/// not checked here: an admin prompt's source is whatever the API records (normally <see cref="PromptSources.Admin"/>).
/// </summary>
public static partial class PromptValidator
{
    public const int MaxIdLength = 60;

    /// <summary>An admin text or why-line may run to two segments (with a warning); more is refused.</summary>
    public const int MaxSegments = 2;

    /// <summary>
    /// Checks one prompt. Never throws for bad content; null fields count as empty. The text is counted as the nudge a
    /// subscriber gets: <c>{programName}: </c> before it and <see cref="NudgeFormat.StopSuffix"/> after it
    /// (<see cref="NudgeFormat.Longest"/>), so the segments reported are the segments billed.
    /// </summary>
    public static PromptValidation Validate(Prompt prompt, string programName = NudgeFormat.DefaultProgramName)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var result = new PromptValidation();

        CheckId(prompt.Id, result);
        CheckSmsBody("text", prompt.Text, result, programName);
        CheckSmsBody("why", prompt.Why, result, null);

        if (!PromptCategories.IsKnown(prompt.Category))
        {
            result.AddError("category", $"Unknown category. Use one of: {string.Join(", ", PromptCategories.All)}.");
        }

        if (!PromptAudiences.IsKnown(prompt.Audience))
        {
            result.AddError("audience", $"Unknown audience. Use one of: {string.Join(", ", PromptAudiences.All)}.");
        }

        return result;
    }

    /// <summary>The characters of <paramref name="text"/> that are not in the GSM-7 alphabet, each once, in order.</summary>
    public static IReadOnlyList<string> NonGsm7Characters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (!SmsSegmentCounter.IsGsm7(element) && !found.Contains(element, StringComparer.Ordinal))
            {
                found.Add(element);
            }
        }

        return found;
    }

    private static void CheckId(string? id, PromptValidation result)
    {
        if (string.IsNullOrEmpty(id))
        {
            result.AddError("id", "An id is required.");
        }
        else if (id.Length > MaxIdLength)
        {
            result.AddError("id", $"The id is {id.Length} characters; the limit is {MaxIdLength}.");
        }
        else if (!SlugPattern().IsMatch(id))
        {
            result.AddError("id", "Use lower-case letters and digits in words joined by single dashes, for example touch-long-hug.");
        }
    }

    private static void CheckSmsBody(string field, string? body, PromptValidation result, string? programName)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            result.AddError(field, $"The {field} is required.");
            return;
        }

        var asSent = programName is null ? body : NudgeFormat.Longest(programName, body);
        var what = programName is null ? $"The {field}" : $"The {field}, sent with '{NudgeFormat.Prefix(programName)}' before it and '{NudgeFormat.StopSuffix.Trim()}' after it,";
        var count = SmsSegmentCounter.Count(asSent);
        if (count.Segments > MaxSegments)
        {
            result.AddError(field, $"{what} needs {count.Segments} SMS segments ({count.Encoding}); the limit is {MaxSegments}.");
        }
        else if (count.Segments > 1)
        {
            result.AddWarning(field, $"{what} needs {count.Segments} SMS segments ({count.Encoding}); one segment costs half as much.");
        }

        if (count.Encoding != SmsEncoding.Gsm7)
        {
            result.AddWarning(
                field,
                $"These characters are outside GSM-7 and shrink a segment from 160 to 70 characters: {string.Join(" ", NonGsm7Characters(body))}");
        }
    }

    // \z, not $: $ also matches before a final newline, which would let "abc\n" through.
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
