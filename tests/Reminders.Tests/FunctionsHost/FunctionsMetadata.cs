using System.Text.Json;

namespace Reminders.Tests.FunctionsHost;

/// <summary>One binding of a function in the generated <c>functions.metadata</c>.</summary>
internal sealed record MetadataBinding(string Name, string Type, string Direction, JsonElement Json)
{
    public string? Text(string property) => Json.TryGetProperty(property, out var value) ? value.GetString() : null;

    public IReadOnlyList<string> Methods =>
        Json.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!)] : [];
}

/// <summary>One function of the generated <c>functions.metadata</c>.</summary>
internal sealed record MetadataFunction(string Name, string EntryPoint, IReadOnlyList<MetadataBinding> Bindings)
{
    public MetadataBinding? HttpTrigger => Bindings.SingleOrDefault(b => b.Type == "httpTrigger");
}

/// <summary>
/// The <c>functions.metadata</c> the Functions SDK generated from the <c>[Function]</c> attributes when
/// Reminders.Functions was built: what the Functions host reads to know every function and binding.
/// Looked up beside the Functions project's build output for the configuration these tests were built in.
/// </summary>
internal static class FunctionsMetadata
{
    public static string Path { get; } = Find();

    public static IReadOnlyList<MetadataFunction> Functions { get; } = Load();

    public static MetadataFunction Get(string name) => Functions.Single(f => f.Name == name);

    private static string Find()
    {
        // tests/Reminders.Tests/bin/<Configuration>/<tfm>/ -> src/Functions/bin/<Configuration>/<tfm>/functions.metadata
        var tfm = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string[] candidates =
        [
            System.IO.Path.Combine(RepositoryRoot.Path, "src", "Functions", "bin", configuration, tfm, "functions.metadata"),
            System.IO.Path.Combine(AppContext.BaseDirectory, "functions.metadata"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No functions.metadata in " + string.Join(" or ", candidates) + "; build src/Functions first.");
    }

    private static List<MetadataFunction> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        return [.. document.RootElement.EnumerateArray().Select(f => new MetadataFunction(
            f.GetProperty("name").GetString()!,
            f.GetProperty("entryPoint").GetString()!,
            [.. f.GetProperty("bindings").EnumerateArray().Select(b => new MetadataBinding(
                b.GetProperty("name").GetString()!,
                b.GetProperty("type").GetString()!,
                b.GetProperty("direction").GetString()!,
                b.Clone()))]))];
    }
}
