using Reminders.Core.Storage;

namespace Reminders.Core.Prompts;

/// <summary>
/// Seeds the prompt store from the built-in library at start-up. A built-in prompt is inserted only when its
/// id was never seeded before and is free in the store, so a later start adds new built-ins but never
/// overwrites an admin's edit, never replaces an admin prompt that took the same id, and never brings back a
/// prompt an admin deleted. Safe to run from several instances at once (inserts are insert-if-absent).
/// </summary>
public static class PromptSeeder
{
    /// <summary>Seeds from <see cref="BuiltInPromptLibrary.All"/>.</summary>
    public static Task<PromptSeedResult> SeedAsync(IPromptStore store, CancellationToken cancellationToken) =>
        SeedAsync(store, BuiltInPromptLibrary.All, cancellationToken);

    /// <summary>Seeds from <paramref name="builtIns"/> (tests pass a smaller or newer library).</summary>
    public static async Task<PromptSeedResult> SeedAsync(
        IPromptStore store,
        IReadOnlyList<Prompt> builtIns,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(builtIns);

        var seeded = await store.GetSeededIdsAsync(cancellationToken);
        int added = 0, present = 0, previouslySeeded = 0;
        foreach (var prompt in builtIns)
        {
            if (seeded.Contains(prompt.Id))
            {
                previouslySeeded++; // still there (maybe edited) or deleted on purpose: leave it alone
            }
            else if (await store.TryInsertAsync(prompt, cancellationToken) is not null)
            {
                added++;
            }
            else
            {
                present++; // the id exists: an admin prompt, or a seed run that stopped before marking
            }
        }

        // Marked after inserting: a run that dies half-way is finished by the next start, never half-forgotten.
        // Only the ids not marked yet, so a start with nothing new writes nothing (one read, off the start-up path).
        await store.MarkSeededAsync(builtIns.Select(p => p.Id).Where(id => !seeded.Contains(id)).ToArray(), cancellationToken);
        return new PromptSeedResult(added, present, previouslySeeded);
    }
}

/// <summary>What one seed run did.</summary>
/// <param name="Added">Built-in prompts inserted now.</param>
/// <param name="AlreadyPresent">Not seeded before, but the id was taken, so the stored prompt was kept.</param>
/// <param name="PreviouslySeeded">Seeded by an earlier run; left as the admin left it (edited, disabled or deleted).</param>
public sealed record PromptSeedResult(int Added, int AlreadyPresent, int PreviouslySeeded);
