namespace Reminders.Core.Prompts;

/// <summary>
/// A prompt library prepared once for <see cref="PromptRotation"/> (once per batch, not per subscriber): the enabled
/// prompts in id order, each prompt's category as a number and who it needs, so a pick reads arrays and allocates
/// nothing.
/// </summary>
public sealed class PromptPool
{
    private PromptPool(Prompt[] all, Prompt[] enabled, Dictionary<string, int> categories)
    {
        All = all;
        Enabled = enabled;
        Categories = categories;
        AllCategory = [.. all.Select(p => categories[p.Category])];
        EnabledCategory = [.. enabled.Select(p => categories[p.Category])];
        EnabledNeeds = [.. enabled.Select(PromptAudiences.Needs)];
    }

    /// <summary>Every prompt as given, disabled ones too.</summary>
    internal Prompt[] All { get; }

    /// <summary>The enabled prompts, ordered by id (ordinal).</summary>
    internal Prompt[] Enabled { get; }

    /// <summary>Category name to number.</summary>
    internal Dictionary<string, int> Categories { get; }

    internal int[] AllCategory { get; }

    internal int[] EnabledCategory { get; }

    internal Subscribers.Household[] EnabledNeeds { get; }

    public static PromptPool From(IEnumerable<Prompt> library)
    {
        ArgumentNullException.ThrowIfNull(library);
        var all = library.ToArray();
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var prompt in all)
        {
            categories.TryAdd(prompt.Category, categories.Count);
        }

        var enabled = all.Where(p => p.Enabled).OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
        return new PromptPool(all, enabled, categories);
    }
}
