using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reminders.Core.Prompts;

/// <summary>
/// The prompts shipped inside Reminders.Core (<c>Prompts/BuiltIn/prompts.json</c>, an embedded resource),
/// read once and cached. The store is seeded from these by <see cref="PromptSeeder"/>; after that the store,
/// not this list, is what admins edit and what the daily send reads.
/// </summary>
public static class BuiltInPromptLibrary
{
    internal const string ResourceName = "Reminders.Core.Prompts.BuiltIn.prompts.json";

    private static readonly Lazy<IReadOnlyList<Prompt>> Cached = new(LoadEmbedded);

    /// <summary>Every built-in prompt, in file order. The same instance on every call.</summary>
    public static IReadOnlyList<Prompt> All => Cached.Value;

    /// <summary>Parses the library file format; throws <see cref="JsonException"/> on a missing, null or unknown field.</summary>
    internal static IReadOnlyList<Prompt> Parse(Stream utf8Json)
    {
        var entries = JsonSerializer.Deserialize(utf8Json, BuiltInPromptJsonContext.Default.BuiltInPromptEntryArray)
            ?? throw new JsonException("The prompt library is empty (null).");
        return entries
            .Select(e => new Prompt(e.Id, e.Text, e.Category, e.Audience, e.Why, e.Source))
            .ToArray()
            .AsReadOnly();
    }

    private static IReadOnlyList<Prompt> LoadEmbedded()
    {
        using var stream = typeof(BuiltInPromptLibrary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from Reminders.Core.");
        return Parse(stream);
    }
}

/// <summary>One entry of <c>prompts.json</c>; every field is required.</summary>
internal sealed record BuiltInPromptEntry(string Id, string Text, string Category, string Audience, string Why, string Source);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BuiltInPromptEntry[]))]
internal sealed partial class BuiltInPromptJsonContext : JsonSerializerContext;
