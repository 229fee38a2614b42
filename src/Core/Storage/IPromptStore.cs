using Reminders.Core.Prompts;

namespace Reminders.Core.Storage;

/// <summary>The prompt library, editable by admins, with ETag concurrency.</summary>
public interface IPromptStore
{
    /// <summary>Every prompt, enabled or not, ordered by id. The library is small (hundreds).</summary>
    Task<IReadOnlyList<Stored<Prompt>>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The prompt and its ETag, or null.</summary>
    Task<Stored<Prompt>?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inserts when the id is free; returns the ETag, or null when the id exists.</summary>
    Task<string?> TryInsertAsync(Prompt prompt, CancellationToken cancellationToken);

    /// <summary>Replaces when the ETag matches; returns the new ETag, or null when stale or missing.</summary>
    Task<string?> TryReplaceAsync(Prompt prompt, string ifMatch, CancellationToken cancellationToken);

    /// <summary>Deletes when the ETag matches (any ETag when null); false when stale or missing.</summary>
    Task<bool> TryDeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>Ids of built-in prompts ever seeded, so deleted ones are never added again.</summary>
    Task<IReadOnlySet<string>> GetSeededIdsAsync(CancellationToken cancellationToken);

    /// <summary>Remembers that these built-in ids have been seeded.</summary>
    Task MarkSeededAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}
