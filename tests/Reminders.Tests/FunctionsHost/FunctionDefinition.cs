using System.Text.Json;

namespace Reminders.Tests.FunctionsHost;

/// <summary>One <c>&lt;Name&gt;/function.json</c>, parsed as the host reads it.</summary>
internal sealed record FunctionDefinition(string Name, IReadOnlyList<JsonElement> Bindings)
{
    public IReadOnlyList<JsonElement> Triggers =>
        [.. Bindings.Where(b => Text(b, "type")?.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase) == true)];

    public JsonElement Trigger => Triggers.Single();

    public string TriggerType => Text(Trigger, "type")!;

    public bool IsHttp => TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>The route template; the host uses the function name when none is given.</summary>
    public string Route => Text(Trigger, "route") is { Length: > 0 } route ? route.Trim('/') : Name;

    /// <summary>Upper-case methods; empty means every method.</summary>
    public IReadOnlyList<string> Methods =>
        Trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
            ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())]
            : [];

    public JsonElement Binding(string type) =>
        Bindings.Single(b => string.Equals(Text(b, "type"), type, StringComparison.OrdinalIgnoreCase));

    public static string? Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Every function folder directly under <paramref name="appDirectory"/>.</summary>
    public static IReadOnlyList<FunctionDefinition> LoadAll(string appDirectory) =>
        [.. Directory.GetDirectories(appDirectory)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Order(StringComparer.Ordinal)
            .Select(Load)];

    public static FunctionDefinition Load(string directory)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "function.json")));
        var bindings = document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList();
        return new FunctionDefinition(Path.GetFileName(directory), bindings);
    }
}
