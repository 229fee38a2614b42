namespace Reminders.Core.Subscribers;

/// <summary>
/// Who is in a subscriber's life, as far as the prompts need to know. A prompt written for a partner, a child or a
/// pet goes only to a subscriber who has one. Nothing is assumed: a subscriber who said nothing has <see cref="None"/>.
/// </summary>
[Flags]
public enum Household
{
    None = 0,
    Partner = 1,
    Children = 2,
    Pets = 4,
}

/// <summary>The words clients and storage use for <see cref="Household"/>: <c>partner</c>, <c>children</c>, <c>pets</c>.</summary>
public static class HouseholdNames
{
    public const string Partner = "partner";
    public const string Children = "children";
    public const string Pets = "pets";

    public static readonly IReadOnlyList<string> All = [Partner, Children, Pets];

    /// <summary>The flag for <paramref name="name"/>, or null when it is not one of <see cref="All"/>.</summary>
    public static Household? Parse(string? name) => name switch
    {
        Partner => Household.Partner,
        Children => Household.Children,
        Pets => Household.Pets,
        _ => null,
    };

    /// <summary>The names of the flags set, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names(Household household)
    {
        var names = new List<string>(3);
        if (household.HasFlag(Household.Partner))
        {
            names.Add(Partner);
        }

        if (household.HasFlag(Household.Children))
        {
            names.Add(Children);
        }

        if (household.HasFlag(Household.Pets))
        {
            names.Add(Pets);
        }

        return names;
    }

    /// <summary>The stored form: the names joined by commas, empty for none.</summary>
    public static string Format(Household household) => string.Join(',', Names(household));

    /// <summary>Reads <see cref="Format"/>'s output; unknown or missing words are ignored.</summary>
    public static Household FromStored(string? stored)
    {
        var household = Household.None;
        foreach (var word in (stored ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            household |= Parse(word) ?? Household.None;
        }

        return household;
    }
}
