using Reminders.Core.Subscribers;

namespace Reminders.Core.Prompts;

/// <summary>The categories a prompt and a subscriber's preferences may name.</summary>
public static class PromptCategories
{
    public static readonly IReadOnlyList<string> All =
        ["touch", "words", "presence", "kindness", "play", "pets", "family", "self"];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);
}

/// <summary>
/// Who a prompt is written for. <c>partner</c>, <c>children</c> and <c>pets</c> need someone a subscriber may not have,
/// so they go only to a subscriber whose <see cref="Household"/> says so; <c>family</c>, <c>friends</c> and
/// <c>anyone</c> go to everyone. A prompt in the <c>pets</c> category needs a pet unless it is tagged <c>anyone</c>.
/// </summary>
public static class PromptAudiences
{
    public const string Partner = "partner";
    public const string Children = "children";
    public const string Pets = "pets";
    public const string Family = "family";
    public const string Friends = "friends";
    public const string Anyone = "anyone";

    public static readonly IReadOnlyList<string> All = [Partner, Children, Pets, Family, Friends, Anyone];

    public static bool IsKnown(string? audience) => audience is not null && All.Contains(audience, StringComparer.Ordinal);

    /// <summary>Who must be in a subscriber's life for <paramref name="prompt"/>: none, a partner, children or a pet.</summary>
    public static Household Needs(Prompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return prompt.Audience switch
        {
            Partner => Household.Partner,
            Children => Household.Children,
            Pets => Household.Pets,
            Anyone => Household.None,
            _ when prompt.Category == "pets" => Household.Pets,
            _ => Household.None,
        };
    }

    /// <summary>Whether <paramref name="prompt"/> assumes nobody the subscriber lacks.</summary>
    public static bool Fits(Prompt prompt, Household household) => (Needs(prompt) & ~household) == Household.None;
}
