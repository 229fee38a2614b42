namespace Reminders.Core.Prompts;

/// <summary>Where a prompt's idea comes from: one of the seed articles, or an admin.</summary>
public static class PromptSources
{
    /// <summary>The source recorded for prompts written through the admin API.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// File names of the seed articles the built-in library draws on (kept in <c>shared/seeds/</c> beside the
    /// repository, not shipped). The content guide summarises what each one is about.
    /// </summary>
    public static readonly IReadOnlyList<string> SeedFiles =
    [
        "000_3b2466002014437c.txt", // communication, empathy and compassion; support for a parent under strain
        "001_15b6b995e4e4b914.txt", // long hugs, lingering touch, bids for connection, phones that hide them
        "002_72b667ecb9ab28c0.txt", // warm touch, thinking of someone who loves you, safe relationships, empathy
        "003_db6ad7dae8f3f455.txt", // face-to-face kindness, support, pets, music and dance, eye contact, inspiration
    ];

    public static bool IsSeedFile(string? source) => source is not null && SeedFiles.Contains(source, StringComparer.Ordinal);
}
