using System.Text.Json.Serialization;
using Reminders.Core.Prompts;
using Reminders.Core.Storage;

namespace Reminders.Functions.Http.Prompts;

/// <summary>
/// Body of <c>POST /api/prompts</c>, <c>PUT /api/prompts/{id}</c> and each entry of an import. <c>source</c> is read
/// by import only; <c>enabled</c> defaults to true on create and to the stored value otherwise.
/// </summary>
public sealed record PromptBody(string? Id, string? Text, string? Category, string? Audience, string? Why, bool? Enabled, string? Source)
{
    public PromptDraft ToDraft() => new(Id, Text, Category, Audience, Why, Enabled, Source);
}

/// <summary>Body of <c>POST /api/prompts/import</c>: what <c>GET /api/prompts/export</c> returns.</summary>
public sealed record PromptImportBody(string? Format, int? Version, IReadOnlyList<PromptBody?>? Prompts);

/// <summary>How a text travels as SMS, computed by the server's segment counter (a prompt's text as its nudge).</summary>
/// <param name="Encoding"><c>GSM-7</c> or <c>UCS-2</c>.</param>
/// <param name="Segments">Billed message parts.</param>
/// <param name="Units">Septets (GSM-7) or UTF-16 code units (UCS-2).</param>
/// <param name="Length">UTF-16 code units.</param>
public sealed record SmsView(string Encoding, int Segments, int Units, int Length)
{
    /// <summary>The count of a prompt's text as the nudge it becomes (<see cref="NudgeFormat.Longest"/>): what a subscriber is billed.</summary>
    public static SmsView OfNudge(string text) => Of(NudgeFormat.Longest(NudgeFormat.DefaultProgramName, text));

    public static SmsView Of(string text)
    {
        var count = SmsSegmentCounter.Count(text);
        return new(count.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2", count.Segments, count.Units, count.Length);
    }
}

/// <summary>A prompt as admins see it; <see cref="ETag"/> is quoted, ready for <c>If-Match</c>.</summary>
public sealed record PromptView(
    string Id,
    string Text,
    string Category,
    string Audience,
    string Why,
    string Source,
    bool Enabled,
    [property: JsonPropertyName("etag")] string ETag,
    SmsView Sms)
{
    public static PromptView From(Stored<Prompt> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var p = stored.Value;
        return new(p.Id, p.Text, p.Category, p.Audience, p.Why, p.Source, p.Enabled, ETags.Quote(stored.ETag), SmsView.OfNudge(p.Text));
    }
}

/// <summary>A page of prompts.</summary>
public sealed record PromptPage(IReadOnlyList<PromptView> Items, string? ContinuationToken);

/// <summary>A saved prompt and what is allowed but costly about it (keyed by field, like validation errors).</summary>
public sealed record PromptSaved(PromptView Prompt, IReadOnlyDictionary<string, string[]> Warnings);

/// <summary>Answer to a delete of a prompt that had been sent: it was disabled, not erased.</summary>
public sealed record PromptDisabled(string Outcome, string Detail, PromptView Prompt);

/// <summary>One entry of a prompt's history.</summary>
public sealed record PromptChangeView(DateTimeOffset At, string Actor, string Action, Prompt? Before, Prompt? After);

/// <summary>A prompt's history, newest first.</summary>
public sealed record PromptHistory(string Id, IReadOnlyList<PromptChangeView> Changes);

/// <summary>What an import did.</summary>
public sealed record PromptImported(int Created, int Updated, int Unchanged, IReadOnlyDictionary<string, string[]> Warnings);
