using System.Collections.Frozen;

namespace Reminders.Core.Conversations;

/// <summary>
/// Turns what a subscriber types after ZONE into an IANA zone id: common North American names and abbreviations
/// ("Eastern", "PST", "Pacific time"), an IANA id in any case ("america/chicago"), or a city that names exactly one
/// zone ("Chicago", "New York", "London").
/// </summary>
public static class TimeZoneNames
{
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EASTERN"] = "America/New_York", ["ET"] = "America/New_York", ["EST"] = "America/New_York", ["EDT"] = "America/New_York",
        ["CENTRAL"] = "America/Chicago", ["CT"] = "America/Chicago", ["CST"] = "America/Chicago", ["CDT"] = "America/Chicago",
        ["MOUNTAIN"] = "America/Denver", ["MT"] = "America/Denver", ["MST"] = "America/Denver", ["MDT"] = "America/Denver",
        ["ARIZONA"] = "America/Phoenix",
        ["PACIFIC"] = "America/Los_Angeles", ["PT"] = "America/Los_Angeles", ["PST"] = "America/Los_Angeles", ["PDT"] = "America/Los_Angeles",
        ["ALASKA"] = "America/Anchorage", ["AKST"] = "America/Anchorage", ["AKDT"] = "America/Anchorage",
        ["HAWAII"] = "Pacific/Honolulu", ["HST"] = "Pacific/Honolulu",
        ["ATLANTIC"] = "America/Halifax", ["AST"] = "America/Halifax", ["ADT"] = "America/Halifax",
        ["NEWFOUNDLAND"] = "America/St_Johns", ["NST"] = "America/St_Johns", ["NDT"] = "America/St_Johns",
        ["UTC"] = "UTC", ["GMT"] = "UTC",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<(FrozenDictionary<string, string> Ids, FrozenDictionary<string, string> Cities)> Known = new(BuildKnown);

    private static readonly FrozenDictionary<string, string> ShortNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["America/New_York"] = "Eastern", ["America/Chicago"] = "Central", ["America/Denver"] = "Mountain",
        ["America/Phoenix"] = "Arizona", ["America/Los_Angeles"] = "Pacific", ["America/Anchorage"] = "Alaska",
        ["Pacific/Honolulu"] = "Hawaii", ["America/Halifax"] = "Atlantic", ["America/St_Johns"] = "Newfoundland",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The everyday North American name of a zone (<c>Eastern</c>), or null when it has none.</summary>
    public static string? ShortName(string? timeZoneId) =>
        timeZoneId is not null && ShortNames.TryGetValue(timeZoneId, out var name) ? name : null;

    /// <summary>The IANA id for <paramref name="text"/>, or null when it names no zone (or more than one).</summary>
    public static string? Resolve(string? text)
    {
        var name = Normalize(text);
        if (name.Length == 0)
        {
            return null;
        }

        if (Aliases.TryGetValue(name, out var alias))
        {
            return alias;
        }

        var id = name.Replace(' ', '_');
        var (ids, cities) = Known.Value;
        if (ids.TryGetValue(id, out var canonical) || cities.TryGetValue(id, out canonical))
        {
            return canonical;
        }

        // Links such as US/Eastern are not listed by GetSystemTimeZones but still resolve.
        return id.Contains('/', StringComparison.Ordinal) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone.Id
            : null;
    }

    private static string Normalize(string? text)
    {
        var words = (text ?? string.Empty)
            .Trim().TrimEnd('.', '!', '?', ',', ';')
            .ToUpperInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        if (words.Count > 1 && words[^1] is "TIME" or "ZONE")
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words);
    }

    private static (FrozenDictionary<string, string>, FrozenDictionary<string, string>) BuildKnown()
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var cities = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (!zone.HasIanaId && !TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out _))
            {
                continue;
            }

            var id = zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;
            ids[id.ToUpperInvariant()] = id;
            var slash = id.LastIndexOf('/');
            if (slash > 0)
            {
                var city = id[(slash + 1)..].ToUpperInvariant();
                cities[city] = cities.ContainsKey(city) ? null : id;
            }
        }

        return (ids.ToFrozenDictionary(StringComparer.Ordinal),
            cities.Where(pair => pair.Value is not null).ToFrozenDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal));
    }
}
