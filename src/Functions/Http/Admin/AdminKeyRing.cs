using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Reminders.Functions.Http.Admin;

/// <summary>
/// The admin API keys from <c>Admin:ApiKeys</c>: entries <c>name:key</c> (an array, or one string separated by
/// <c>;</c>). The name is who acted, for audit logs. Keys are compared as SHA-256 digests in constant time.
/// The entries are checked at start-up; the digests are made at the first admin request, so loading the crypto
/// library is not on the path to the first answer.
/// </summary>
internal sealed partial class AdminKeyRing
{
    public const string SectionName = "Admin:ApiKeys";

    private const int MinKeyLength = 16;

    private readonly Lazy<(string Name, byte[] Digest)[]> _keys;

    private AdminKeyRing(IReadOnlyList<(string Name, string Key)> keys, string? generatedKey)
    {
        _keys = new(() => [.. keys.Select(k => (k.Name, Digest(k.Key)))]);
        GeneratedKey = generatedKey;
    }

    /// <summary>The key made at start-up because none was configured (standalone only), to be printed once.</summary>
    public string? GeneratedKey { get; }

    /// <summary>Reads and checks the configured keys; throws with a clear message on a malformed entry.</summary>
    public static AdminKeyRing FromConfiguration(IConfiguration configuration, bool generateWhenMissing)
    {
        var section = configuration.GetSection(SectionName);
        var entries = section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Cast<string>().ToList();
        if (entries.Count == 0 && section.Value is { Length: > 0 } joined)
        {
            entries = [.. joined.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        var keys = new List<(string, string)>();
        foreach (var entry in entries)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? entry[..colon].Trim() : string.Empty;
            var key = colon > 0 ? entry[(colon + 1)..].Trim() : string.Empty;
            if (!NamePattern().IsMatch(name) || key.Length < MinKeyLength)
            {
                throw new InvalidOperationException(
                    $"{SectionName} entries must look like 'name:key' with a name of letters, digits, '.', '_' or '-' and a key of at least {MinKeyLength} characters.");
            }

            keys.Add((name, key));
        }

        if (keys.Count > 0)
        {
            return new AdminKeyRing(keys, null);
        }

        if (!generateWhenMissing)
        {
            throw new InvalidOperationException($"No admin key is configured: set {SectionName} (entries 'name:key') in the app settings.");
        }

        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        return new AdminKeyRing([("local", generated)], generated);
    }

    /// <summary>The name of the admin whose key this is, or null.</summary>
    public string? Authenticate(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return null;
        }

        var digest = Digest(presentedKey);
        string? match = null;
        foreach (var (name, expected) in _keys.Value)
        {
            // Check every key so the time taken does not reveal which one matched.
            if (CryptographicOperations.FixedTimeEquals(digest, expected))
            {
                match ??= name;
            }
        }

        return match;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex NamePattern();
}
