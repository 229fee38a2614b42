using Reminders.Core.Prompts;
using Reminders.Core.Storage;

namespace Reminders.Tests.TestDoubles;

/// <summary>An <see cref="IPromptChangeLog"/> in memory: append-only, listed newest first.</summary>
public sealed class InMemoryPromptChangeLog : IPromptChangeLog
{
    private readonly Lock _gate = new();
    private readonly List<PromptChange> _changes = [];

    public Task AppendAsync(PromptChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            _changes.Add(change);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PromptChange>> ListAsync(string promptId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PromptChange>>([.. _changes.Where(c => c.PromptId == promptId).Reverse()]);
        }
    }
}
