namespace Reminders.Core.Prompts;

/// <summary>
/// The rules the shipped library must meet, on top of <see cref="PromptValidator"/>: the why-line fits exactly one
/// GSM-7 segment and so does the text sent as a nudge with the longest program name and the STOP reminder, the source is a seed article, ids are unique, every category has at least
/// <see cref="MinPromptsPerCategory"/> prompts, and no two texts are near duplicates (<see cref="PromptSimilarity"/>).
/// </summary>
public static class BuiltInLibraryRules
{
    public const int MinPromptsPerCategory = 8;

    /// <summary>A program name of the longest length <see cref="ProgramOptions.Name"/> allows, for measuring nudges.</summary>
    public static readonly string LongestProgramName = new('N', ProgramOptions.MaxNameLength);

    /// <summary>The longest built-in text: one segment once the longest prefix and the STOP reminder are added.</summary>
    public static int MaxTextLength => 160 - NudgeFormat.Prefix(LongestProgramName).Length - NudgeFormat.StopSuffix.Length;

    /// <summary>Every rule the library breaks; empty when it is fit to ship.</summary>
    public static IReadOnlyList<LibraryProblem> Check(IReadOnlyList<Prompt> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var problems = new List<LibraryProblem>();

        foreach (var prompt in prompts)
        {
            problems.AddRange(CheckPrompt(prompt));
        }

        foreach (var duplicate in prompts.GroupBy(p => p.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new LibraryProblem(duplicate.Key, "id", $"The id is used by {duplicate.Count()} prompts."));
        }

        foreach (var category in PromptCategories.All)
        {
            var count = prompts.Count(p => p.Category == category);
            if (count < MinPromptsPerCategory)
            {
                problems.Add(new LibraryProblem(null, "category", $"Category {category} has {count} prompts; it needs at least {MinPromptsPerCategory}."));
            }
        }

        for (var i = 0; i < prompts.Count; i++)
        {
            for (var j = i + 1; j < prompts.Count; j++)
            {
                if (PromptSimilarity.AreNearDuplicates(prompts[i].Text ?? "", prompts[j].Text ?? ""))
                {
                    problems.Add(new LibraryProblem(prompts[i].Id, "text", $"The text is a near duplicate of {prompts[j].Id}."));
                }
            }
        }

        return problems;
    }

    /// <summary>The per-prompt rules: everything <see cref="PromptValidator"/> calls an error, plus the built-in limits.</summary>
    public static IEnumerable<LibraryProblem> CheckPrompt(Prompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        foreach (var (field, messages) in PromptValidator.Validate(prompt).Errors)
        {
            foreach (var message in messages)
            {
                yield return new LibraryProblem(prompt.Id, field, message);
            }
        }

        foreach (var (field, body) in new[] { ("text", prompt.Text), ("why", prompt.Why) })
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                continue; // already reported as required
            }

            // The text goes out as a nudge: counted with the longest program name, its prefix and the STOP reminder.
            var asSent = field == "text" ? NudgeFormat.Longest(LongestProgramName, body) : body;
            var count = SmsSegmentCounter.Count(asSent);
            if (count.Encoding != SmsEncoding.Gsm7)
            {
                yield return new LibraryProblem(prompt.Id, field, $"Outside GSM-7: {string.Join(" ", PromptValidator.NonGsm7Characters(body))}");
            }
            else if (count.Segments != 1)
            {
                yield return new LibraryProblem(
                    prompt.Id,
                    field,
                    field == "text"
                        ? $"{count.Units} characters as a nudge (a {ProgramOptions.MaxNameLength}-character name, '{NudgeFormat.StopSuffix.Trim()}'); a built-in text must fit one segment (160), so at most {MaxTextLength}."
                        : $"{count.Units} characters; a built-in {field} must fit one segment (160).");
            }

            if (body.Trim() != body)
            {
                yield return new LibraryProblem(prompt.Id, field, "Leading or trailing white space.");
            }
        }

        if (prompt.Category == "pets" && prompt.Audience is not (PromptAudiences.Pets or PromptAudiences.Anyone))
        {
            yield return new LibraryProblem(prompt.Id, "audience", "A pets prompt is for pet owners (pets) or needs no pet of your own (anyone).");
        }

        if (!PromptSources.IsSeedFile(prompt.Source))
        {
            yield return new LibraryProblem(prompt.Id, "source", $"'{prompt.Source}' is not a seed file: use one of {string.Join(", ", PromptSources.SeedFiles)}.");
        }
    }
}

/// <summary>One broken rule: which prompt (null for a library-wide rule), which field, and what is wrong.</summary>
public sealed record LibraryProblem(string? PromptId, string Field, string Message)
{
    public override string ToString() => $"{PromptId ?? "(library)"}.{Field}: {Message}";
}
