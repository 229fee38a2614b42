using Reminders.Core.Prompts;

namespace Reminders.Core.Storage;

/// <summary>
/// The append-only audit of admin edits to the prompt library: who changed which prompt when, with the prompt
/// before and after. There is no update or delete; an erased prompt keeps its history.
/// </summary>
public interface IPromptChangeLog
{
    Task AppendAsync(PromptChange change, CancellationToken cancellationToken);

    /// <summary>The prompt's changes, newest first (the order of appending when two share an instant).</summary>
    Task<IReadOnlyList<PromptChange>> ListAsync(string promptId, CancellationToken cancellationToken);
}
