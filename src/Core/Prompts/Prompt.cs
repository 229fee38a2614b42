namespace Reminders.Core.Prompts;

/// <summary>One micro-habit text in the library.</summary>
/// <param name="Id">Stable slug: lower-case letters, digits and dashes.</param>
/// <param name="Text">The SMS body sent to the subscriber (one GSM-7 segment for built-in prompts).</param>
/// <param name="Category">One of <see cref="PromptCategories.All"/>.</param>
/// <param name="Audience">One of <see cref="PromptAudiences.All"/>.</param>
/// <param name="Why">One factual line on why it helps, answered to WHY.</param>
/// <param name="Source">The seed article the idea draws on (file name), or <c>admin</c>.</param>
/// <param name="Enabled">Disabled prompts are never picked.</param>
public sealed record Prompt(
    string Id,
    string Text,
    string Category,
    string Audience,
    string Why,
    string Source,
    bool Enabled = true);
