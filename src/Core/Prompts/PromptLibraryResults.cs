using Reminders.Core.Storage;

namespace Reminders.Core.Prompts;

/// <summary>What a write to the prompt library did.</summary>
public enum PromptWriteOutcome
{
    Created,
    Updated,

    /// <summary>The update asked for what was already stored; nothing was written or logged.</summary>
    Unchanged,

    /// <summary>Erased: it had never been sent.</summary>
    Deleted,

    /// <summary>A delete of a prompt that had been sent: it was disabled instead (or was already disabled).</summary>
    Disabled,

    /// <summary>The input broke a rule; see <see cref="PromptWriteResult.Errors"/>. Nothing changed.</summary>
    Invalid,

    NotFound,

    /// <summary>A create with an id that is taken.</summary>
    IdTaken,

    /// <summary>The ETag given no longer matches the stored prompt (someone else changed it). Nothing changed.</summary>
    PreconditionFailed,
}

/// <summary>The outcome of a create, update or delete.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Prompt">The prompt as now stored (null when erased, missing or invalid).</param>
/// <param name="Errors">Rule violations keyed by field; empty unless <see cref="PromptWriteOutcome.Invalid"/>.</param>
/// <param name="Warnings">Allowed but costly: more than one SMS segment, or characters outside GSM-7.</param>
public sealed record PromptWriteResult(
    PromptWriteOutcome Outcome,
    Stored<Prompt>? Prompt,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyDictionary<string, string[]> Warnings)
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

    internal static PromptWriteResult Of(PromptWriteOutcome outcome, Stored<Prompt>? prompt = null, PromptValidation? validation = null) =>
        new(outcome, prompt, validation?.Errors ?? None, validation?.Warnings ?? None);

    internal static PromptWriteResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(PromptWriteOutcome.Invalid, null, errors, None);
}

/// <summary>A filtered page of the library, ordered by id.</summary>
/// <param name="Category">Only prompts of this category, when set.</param>
/// <param name="Enabled">Only enabled (true) or disabled (false) prompts, when set.</param>
/// <param name="PageSize">1 to <see cref="PromptLibraryService.MaxPageSize"/>.</param>
/// <param name="ContinuationToken">From the previous page, or null for the first.</param>
public sealed record PromptQuery(string? Category, bool? Enabled, int PageSize, string? ContinuationToken);

/// <summary>The whole library in the export and import format.</summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="Version">Always 1.</param>
/// <param name="ExportedAt">When it was exported.</param>
/// <param name="Prompts">Every prompt, enabled or not, ordered by id.</param>
public sealed record PromptLibraryExport(string Format, int Version, DateTimeOffset ExportedAt, IReadOnlyList<Prompt> Prompts)
{
    public const string FormatName = "reminders-prompt-library";
}

/// <summary>What an import did.</summary>
public enum PromptImportOutcome
{
    /// <summary>Every prompt was created, replaced or found unchanged.</summary>
    Applied,

    /// <summary>At least one prompt broke a rule; see <see cref="PromptImportResult.Errors"/>. Nothing changed.</summary>
    Invalid,

    /// <summary>A prompt changed while the import was being applied; what had been applied was put back.</summary>
    Conflict,
}

/// <summary>The outcome of an import. Errors and warnings are keyed <c>prompts[i].field</c> (i from 0, in file order).</summary>
public sealed record PromptImportResult(
    PromptImportOutcome Outcome,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyDictionary<string, string[]> Warnings);
