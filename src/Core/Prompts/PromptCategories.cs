namespace Reminders.Core.Prompts;

/// <summary>The categories a prompt and a subscriber's preferences may name.</summary>
public static class PromptCategories
{
    public static readonly IReadOnlyList<string> All =
        ["touch", "words", "presence", "kindness", "play", "pets", "family", "self"];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);
}

/// <summary>Who a prompt is written for.</summary>
public static class PromptAudiences
{
    public static readonly IReadOnlyList<string> All = ["partner", "family", "friends", "anyone"];

    public static bool IsKnown(string? audience) => audience is not null && All.Contains(audience, StringComparer.Ordinal);
}
