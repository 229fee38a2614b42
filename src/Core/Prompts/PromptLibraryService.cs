using System.Buffers.Text;
using System.Text;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Prompts;

/// <summary>
/// The admin rules of the prompt library: every write is validated by <see cref="PromptValidator"/>, guarded by the
/// stored ETag, and recorded in the <see cref="IPromptChangeLog"/> with the admin's name. A prompt that has been
/// sent is never erased (its deliveries and stats still name it): deleting it disables it instead.
/// </summary>
public sealed partial class PromptLibraryService(
    IPromptStore prompts,
    IPromptChangeLog changes,
    IStatsStore stats,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<ProgramOptions> program)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    private const string ContinuationPrefix = "after:";

    /// <summary>Ids that would collide with the fixed routes under <c>/api/prompts/</c>.</summary>
    private static readonly string[] ReservedIds = ["export", "import"];

    /// <summary>A page of prompts ordered by id; errors are keyed by query parameter name.</summary>
    public async Task<(Page<Stored<Prompt>>? Page, FieldErrors Errors)> ListAsync(PromptQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new FieldErrors();
        if (query.Category is not null && !PromptCategories.IsKnown(query.Category))
        {
            errors.Add("category", $"Unknown category. Use one of: {string.Join(", ", PromptCategories.All)}.");
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        var after = query.ContinuationToken is null ? null : AfterId(query.ContinuationToken);
        if (query.ContinuationToken is not null && after is null)
        {
            errors.Add("continuationToken", "The continuation token is not valid.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var matching = (await prompts.ListAsync(cancellationToken))
            .Where(p => query.Category is null || p.Value.Category == query.Category)
            .Where(p => query.Enabled is null || p.Value.Enabled == query.Enabled)
            .Where(p => after is null || string.CompareOrdinal(p.Value.Id, after) > 0)
            .OrderBy(p => p.Value.Id, StringComparer.Ordinal)
            .Take(query.PageSize + 1)
            .ToList();
        var items = matching.Take(query.PageSize).ToList();
        var token = matching.Count > query.PageSize ? ContinuationToken(items[^1].Value.Id) : null;
        return (new Page<Stored<Prompt>>(items, token), errors);
    }

    /// <summary>The prompt and its ETag, or null.</summary>
    public Task<Stored<Prompt>?> GetAsync(string id, CancellationToken cancellationToken) => prompts.GetAsync(id, cancellationToken);

    /// <summary>Creates an admin prompt (source <see cref="PromptSources.Admin"/>, enabled unless the draft says otherwise).</summary>
    public async Task<PromptWriteResult> CreateAsync(PromptDraft draft, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var prompt = ToPrompt(draft, existing: null) with { Source = PromptSources.Admin };
        var validation = Validate(prompt);
        if (!validation.IsValid)
        {
            return PromptWriteResult.Of(PromptWriteOutcome.Invalid, validation: validation);
        }

        if (await prompts.TryInsertAsync(prompt, cancellationToken) is not { } etag)
        {
            return PromptWriteResult.Of(PromptWriteOutcome.IdTaken, validation: validation);
        }

        await LogAsync(prompt.Id, actor, PromptChangeActions.Created, null, prompt);
        return PromptWriteResult.Of(PromptWriteOutcome.Created, new Stored<Prompt>(prompt, etag), validation);
    }

    /// <summary>
    /// Replaces the prompt's text, category, audience, why-line and (when given) enabled flag, if its ETag is one of
    /// <paramref name="ifMatch"/> (null: whatever is stored). The id and source never change.
    /// </summary>
    public async Task<PromptWriteResult> UpdateAsync(
        string id, PromptDraft draft, IReadOnlyCollection<string>? ifMatch, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Id is not null && draft.Id != id)
        {
            var errors = new FieldErrors();
            errors.Add("id", "The id in the body must match the id in the path; a prompt cannot be renamed (create a new one).");
            return PromptWriteResult.Invalid(errors);
        }

        var current = await prompts.GetAsync(id, cancellationToken);
        var next = ToPrompt(draft with { Id = id, Source = null }, current?.Value);
        var validation = Validate(next);
        if (!validation.IsValid)
        {
            return PromptWriteResult.Of(PromptWriteOutcome.Invalid, validation: validation);
        }

        if (current is null)
        {
            return PromptWriteResult.Of(PromptWriteOutcome.NotFound);
        }

        if (ifMatch is not null && !ifMatch.Contains(current.ETag, StringComparer.Ordinal))
        {
            return PromptWriteResult.Of(PromptWriteOutcome.PreconditionFailed, current);
        }

        if (next == current.Value)
        {
            return PromptWriteResult.Of(PromptWriteOutcome.Unchanged, current, validation);
        }

        if (await prompts.TryReplaceAsync(next, current.ETag, cancellationToken) is not { } etag)
        {
            return PromptWriteResult.Of(PromptWriteOutcome.PreconditionFailed);
        }

        await LogAsync(id, actor, PromptChangeActions.Updated, current.Value, next);
        return PromptWriteResult.Of(PromptWriteOutcome.Updated, new Stored<Prompt>(next, etag), validation);
    }

    /// <summary>
    /// Erases the prompt, or disables it when a text with it was ever sent (see <see cref="IStatsStore.WasEverSentAsync"/>),
    /// if its ETag is one of <paramref name="ifMatch"/> (null: whatever is stored).
    /// </summary>
    public async Task<PromptWriteResult> DeleteAsync(string id, IReadOnlyCollection<string>? ifMatch, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var current = await prompts.GetAsync(id, cancellationToken);
        if (current is null)
        {
            return PromptWriteResult.Of(PromptWriteOutcome.NotFound);
        }

        if (ifMatch is not null && !ifMatch.Contains(current.ETag, StringComparer.Ordinal))
        {
            return PromptWriteResult.Of(PromptWriteOutcome.PreconditionFailed, current);
        }

        if (await stats.WasEverSentAsync(id, cancellationToken))
        {
            if (!current.Value.Enabled)
            {
                return PromptWriteResult.Of(PromptWriteOutcome.Disabled, current);
            }

            var disabled = current.Value with { Enabled = false };
            if (await prompts.TryReplaceAsync(disabled, current.ETag, cancellationToken) is not { } etag)
            {
                return PromptWriteResult.Of(PromptWriteOutcome.PreconditionFailed);
            }

            await LogAsync(id, actor, PromptChangeActions.Disabled, current.Value, disabled);
            return PromptWriteResult.Of(PromptWriteOutcome.Disabled, new Stored<Prompt>(disabled, etag));
        }

        if (!await prompts.TryDeleteAsync(id, current.ETag, cancellationToken))
        {
            return PromptWriteResult.Of(PromptWriteOutcome.PreconditionFailed);
        }

        await LogAsync(id, actor, PromptChangeActions.Deleted, current.Value, null);
        return PromptWriteResult.Of(PromptWriteOutcome.Deleted);
    }

    /// <summary>The prompt's changes, newest first; null when there is neither such a prompt nor any history of one.</summary>
    public async Task<IReadOnlyList<PromptChange>?> HistoryAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var history = await changes.ListAsync(id, cancellationToken);
        if (history.Count > 0 || await prompts.GetAsync(id, cancellationToken) is not null)
        {
            return history;
        }

        return null;
    }

    /// <summary>Every prompt, ordered by id, in the format <see cref="ImportAsync"/> reads.</summary>
    public async Task<PromptLibraryExport> ExportAsync(CancellationToken cancellationToken)
    {
        var all = await prompts.ListAsync(cancellationToken);
        return new PromptLibraryExport(
            PromptLibraryExport.FormatName,
            1,
            time.GetUtcNow(),
            [.. all.Select(p => p.Value).OrderBy(p => p.Id, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The rules of <see cref="PromptValidator"/> (the text counted as a nudge, with this program's name and the STOP
    /// reminder) plus the ids reserved by the API's fixed routes.
    /// </summary>
    private PromptValidation Validate(Prompt prompt)
    {
        var validation = PromptValidator.Validate(prompt, program.Value.Name);
        if (ReservedIds.Contains(prompt.Id, StringComparer.Ordinal))
        {
            validation.AddError("id", $"'{prompt.Id}' is reserved; choose another id.");
        }

        return validation;
    }

    /// <summary>The prompt a draft describes; missing strings are empty (and fail validation), missing flags keep <paramref name="existing"/>'s.</summary>
    private static Prompt ToPrompt(PromptDraft draft, Prompt? existing) => new(
        draft.Id ?? string.Empty,
        draft.Text ?? string.Empty,
        draft.Category ?? string.Empty,
        draft.Audience ?? string.Empty,
        draft.Why ?? string.Empty,
        draft.Source ?? existing?.Source ?? PromptSources.Admin,
        draft.Enabled ?? existing?.Enabled ?? true);

    /// <summary>
    /// Records a write that has happened. Not cancellable: once the prompt is written, its audit entry must be too.
    /// </summary>
    private Task LogAsync(string id, string actor, string action, Prompt? before, Prompt? after) =>
        changes.AppendAsync(new PromptChange(id, time.GetUtcNow(), actor, action, before, after), CancellationToken.None);

    private static string ContinuationToken(string lastId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ContinuationPrefix + lastId));

    private static string? AfterId(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith(ContinuationPrefix, StringComparison.Ordinal) ? text[ContinuationPrefix.Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
