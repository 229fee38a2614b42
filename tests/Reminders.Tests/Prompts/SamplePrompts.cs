using Reminders.Core.Prompts;

namespace Reminders.Tests.Prompts;

/// <summary>
/// A small library that meets every built-in rule, for tests that break one rule at a time. Each category gets
/// <see cref="PerCategory"/> prompts (one more than the minimum, so removing or re-filing one prompt breaks
/// nothing else), and every text is built from words no other text uses, so no pair is a near duplicate.
/// </summary>
internal static class SamplePrompts
{
    public const int PerCategory = BuiltInLibraryRules.MinPromptsPerCategory + 1;

    public static List<Prompt> ValidLibrary() =>
        PromptCategories.All
            .SelectMany((category, c) => Enumerable.Range(0, PerCategory).Select(n => Make(category, (c * PerCategory) + n)))
            .ToList();

    /// <summary>A valid prompt whose text words are unique to <paramref name="index"/>.</summary>
    public static Prompt Make(string category, int index) => new(
        Id: $"{category}-sample-{index}",
        Text: $"Try {Word(index, 0)} with {Word(index, 1)} and {Word(index, 2)} near {Word(index, 3)}.",
        Category: category,
        Audience: "anyone",
        Why: "A short factual line that fits one segment.",
        Source: PromptSources.SeedFiles[index % PromptSources.SeedFiles.Count]);

    // Letters only, so the similarity tokenizer keeps each one as a single word: index 5, slot 2 -> "fczz".
    private static string Word(int index, int slot) => $"{Letters(index)}{(char)('a' + slot)}zz";

    private static string Letters(int index) => index < 26 ? $"{(char)('a' + index)}" : $"{(char)('a' + (index / 26))}{(char)('a' + (index % 26))}";
}
