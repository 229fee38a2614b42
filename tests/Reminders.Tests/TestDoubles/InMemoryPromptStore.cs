using System.Globalization;
using Reminders.Core.Prompts;
using Reminders.Core.Storage;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// An <see cref="IPromptStore"/> in memory with the same contract as the real stores: insert-if-absent,
/// replace and delete only with a matching ETag (delete with a null ETag deletes unconditionally), a fresh
/// ETag on every write, and a separate set of seeded ids that survives deletes.
/// </summary>
public sealed class InMemoryPromptStore : IPromptStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Stored<Prompt>> _prompts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seeded = new(StringComparer.Ordinal);
    private long _version;

    public Task<IReadOnlyList<Stored<Prompt>>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Stored<Prompt>>>([.. _prompts.Values]);
        }
    }

    public Task<Stored<Prompt>?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_prompts.GetValueOrDefault(id));
        }
    }

    public Task<string?> TryInsertAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_prompts.ContainsKey(prompt.Id))
            {
                return Task.FromResult<string?>(null);
            }

            var etag = NextETag();
            _prompts[prompt.Id] = new Stored<Prompt>(prompt, etag);
            return Task.FromResult<string?>(etag);
        }
    }

    public Task<string?> TryReplaceAsync(Prompt prompt, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_prompts.TryGetValue(prompt.Id, out var current) || current.ETag != ifMatch)
            {
                return Task.FromResult<string?>(null);
            }

            var etag = NextETag();
            _prompts[prompt.Id] = new Stored<Prompt>(prompt, etag);
            return Task.FromResult<string?>(etag);
        }
    }

    public Task<bool> TryDeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_prompts.TryGetValue(id, out var current) || (ifMatch is not null && current.ETag != ifMatch))
            {
                return Task.FromResult(false);
            }

            _prompts.Remove(id);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlySet<string>> GetSeededIdsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(_seeded, StringComparer.Ordinal));
        }
    }

    /// <summary>Every id passed to <see cref="MarkSeededAsync"/>, in order (a write each on a real store).</summary>
    public List<string> MarkedIds { get; } = [];

    public Task MarkSeededAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            MarkedIds.AddRange(ids);
            _seeded.UnionWith(ids);
            return Task.CompletedTask;
        }
    }

    private string NextETag() => string.Create(CultureInfo.InvariantCulture, $"W/\"{++_version}\"");
}
