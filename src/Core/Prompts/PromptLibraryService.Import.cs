using System.Globalization;
using Reminders.Core.Storage;

namespace Reminders.Core.Prompts;

/// <summary>
/// Import of a whole library (the <see cref="PromptLibraryExport"/> format). Semantics: upsert by id. A prompt whose
/// id exists is replaced (a missing <c>enabled</c> or <c>source</c> keeps the stored value); a new id is created
/// (enabled unless it says otherwise, source <c>admin</c> unless it names a seed article); a prompt that is not in
/// the file is left alone (import never deletes). Every prompt is validated before anything is written, so one bad
/// prompt means nothing changes. If a prompt changes while the import is being written, what was written is put
/// back and the import reports a conflict.
/// </summary>
public sealed partial class PromptLibraryService
{
    public const int MaxImportCount = 2000;

    /// <summary>Validates every draft, then creates or replaces them all; see the type's remarks for the semantics.</summary>
    public async Task<PromptImportResult> ImportAsync(IReadOnlyList<PromptDraft?>? drafts, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var warnings = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (drafts is null || drafts.Count == 0)
        {
            errors["prompts"] = ["A non-empty 'prompts' array is required."];
            return Failed(PromptImportOutcome.Invalid, errors);
        }

        if (drafts.Count > MaxImportCount)
        {
            errors["prompts"] = [$"{drafts.Count} prompts is more than one import may hold ({MaxImportCount})."];
            return Failed(PromptImportOutcome.Invalid, errors);
        }

        var current = (await prompts.ListAsync(cancellationToken)).ToDictionary(p => p.Value.Id, StringComparer.Ordinal);
        var plan = new List<(Prompt Next, Stored<Prompt>? Existing)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"prompts[{i}].");
            if (drafts[i] is not { } draft)
            {
                errors[prefix.TrimEnd('.')] = ["Each entry must be a prompt object."];
                continue;
            }

            var existing = draft.Id is null ? null : current.GetValueOrDefault(draft.Id);
            var next = ToPrompt(draft, existing?.Value);
            var validation = Validate(next);
            Merge(errors, prefix, validation.Errors);
            Merge(warnings, prefix, validation.Warnings);
            if (draft.Source is { } source && source != PromptSources.Admin && !PromptSources.IsSeedFile(source))
            {
                errors[prefix + "source"] = [$"The source must be '{PromptSources.Admin}' or one of the seed articles ({string.Join(", ", PromptSources.SeedFiles)})."];
            }

            if (draft.Id is { Length: > 0 } id && !seen.Add(id))
            {
                errors[prefix + "id"] = [$"'{id}' appears more than once in this import."];
            }

            plan.Add((next, existing));
        }

        if (errors.Count > 0)
        {
            return Failed(PromptImportOutcome.Invalid, errors);
        }

        var applied = new List<(Prompt Next, string ETag, Prompt? Before)>();
        var unchanged = 0;
        foreach (var (next, existing) in plan)
        {
            if (existing?.Value == next)
            {
                unchanged++;
                continue;
            }

            var etag = existing is null
                ? await prompts.TryInsertAsync(next, cancellationToken)
                : await prompts.TryReplaceAsync(next, existing.ETag, cancellationToken);
            if (etag is null)
            {
                await UndoAsync(applied);
                errors["prompts"] = [$"'{next.Id}' changed while the import was being applied; nothing was imported. Export again and retry."];
                return Failed(PromptImportOutcome.Conflict, errors);
            }

            applied.Add((next, etag, existing?.Value));
        }

        foreach (var (next, _, before) in applied)
        {
            await LogAsync(next.Id, actor, PromptChangeActions.Imported, before, next);
        }

        var created = applied.Count(a => a.Before is null);
        return new PromptImportResult(PromptImportOutcome.Applied, created, applied.Count - created, unchanged, errors, warnings);
    }

    /// <summary>Puts back what an interrupted import wrote, newest first, only where nobody has changed it since.</summary>
    private async Task UndoAsync(List<(Prompt Next, string ETag, Prompt? Before)> applied)
    {
        for (var i = applied.Count - 1; i >= 0; i--)
        {
            var (next, etag, before) = applied[i];
            _ = before is null
                ? await prompts.TryDeleteAsync(next.Id, etag, CancellationToken.None)
                : await prompts.TryReplaceAsync(before, etag, CancellationToken.None) is not null;
        }
    }

    private static void Merge(Dictionary<string, string[]> target, string prefix, IReadOnlyDictionary<string, string[]> source)
    {
        foreach (var (field, messages) in source)
        {
            target[prefix + field] = messages;
        }
    }

    private static PromptImportResult Failed(PromptImportOutcome outcome, Dictionary<string, string[]> errors) =>
        new(outcome, 0, 0, 0, errors, new Dictionary<string, string[]>());
}
