using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>Every setting in <c>local.settings.sample.json</c> has a row in the README's settings table, and no sample holds a secret.</summary>
public sealed partial class SettingsDocumentationTests
{
    [Fact]
    public void SampleSettings_EveryValue_HasAMeaningInTheReadmeTable()
    {
        var documented = SettingsTableRows();
        var missing = SampleValues().Keys
            .Select(ToConfigurationKey)
            .Where(key => !documented.Any(row => Documents(row, key)))
            .ToList();

        Assert.True(missing.Count == 0, "Settings without a row in README's Settings table: " + string.Join(", ", missing));
    }

    [Fact]
    public void SampleSettings_SecretsAndCredentials_AreEmptyOrPlaceholders()
    {
        var values = SampleValues();

        Assert.All(values.Where(v => v.Key.StartsWith("Twilio__", StringComparison.Ordinal) && v.Key is not ("Twilio__ApiBaseUrl" or "Twilio__WebhookBaseUrl")), v => Assert.Equal(string.Empty, v.Value));
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Contains("replace", values["Admin__ApiKeys__0"], StringComparison.Ordinal);
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    /// <summary>The row names the key, whole or as a shared prefix: <c>`Delivery:QuietHoursStart` / `QuietHoursEnd`</c>.</summary>
    private static bool Documents(string row, string key)
    {
        if (row.Contains($"`{key}`", StringComparison.Ordinal))
        {
            return true;
        }

        var colon = key.LastIndexOf(':');
        return colon > 0
            && row.Contains($"`{key[..colon]}:", StringComparison.Ordinal)
            && row.Contains($"`{key[(colon + 1)..]}`", StringComparison.Ordinal);
    }

    private static Dictionary<string, string> SampleValues()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
    }

    /// <summary><c>Signup__AllowedCountryCodes__0</c> is the array setting <c>Signup:AllowedCountryCodes</c>.</summary>
    private static string ToConfigurationKey(string name) => ArrayIndex().Replace(name, string.Empty).Replace("__", ":", StringComparison.Ordinal);

    private static List<string> SettingsTableRows()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf("\n## Settings", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Settings' section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return [.. section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal))];
    }

    [GeneratedRegex("__[0-9]+$")]
    private static partial Regex ArrayIndex();
}
