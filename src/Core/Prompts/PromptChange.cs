namespace Reminders.Core.Prompts;

/// <summary>One admin change to one prompt, as kept in the append-only change log.</summary>
/// <param name="PromptId">The prompt changed.</param>
/// <param name="At">When the change was written.</param>
/// <param name="Actor">The name of the admin key used (the <c>name</c> of an <c>Admin:ApiKeys</c> entry).</param>
/// <param name="Action">One of <see cref="PromptChangeActions"/>.</param>
/// <param name="Before">The prompt before the change; null when it was created.</param>
/// <param name="After">The prompt after the change; null when it was erased.</param>
public sealed record PromptChange(string PromptId, DateTimeOffset At, string Actor, string Action, Prompt? Before, Prompt? After);

/// <summary>What a <see cref="PromptChange"/> did.</summary>
public static class PromptChangeActions
{
    public const string Created = "created";
    public const string Updated = "updated";

    /// <summary>A delete of a prompt that had been sent: it was disabled, not erased.</summary>
    public const string Disabled = "disabled";

    /// <summary>Erased (it had never been sent).</summary>
    public const string Deleted = "deleted";

    /// <summary>Created or replaced by a library import.</summary>
    public const string Imported = "imported";
}
