namespace Reminders.Core.Prompts;

/// <summary>
/// A prompt as an admin sent it, before validation: any field may be missing. On create, a missing
/// <see cref="Enabled"/> means enabled; on update or import of an existing prompt, a missing <see cref="Enabled"/>
/// or <see cref="Source"/> keeps the stored value. <see cref="Source"/> is read by import only (a created prompt's
/// source is always <see cref="PromptSources.Admin"/>).
/// </summary>
public sealed record PromptDraft(
    string? Id,
    string? Text,
    string? Category,
    string? Audience,
    string? Why,
    bool? Enabled,
    string? Source = null);
