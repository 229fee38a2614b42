using System.Globalization;

namespace Reminders.Core.Sms.Twilio;

/// <summary>Reads and writes the RFC 2822 dates Twilio uses: <c>Fri, 17 Jul 2026 14:00:01 +0000</c>.</summary>
internal static class Rfc2822
{
    private static readonly string[] Formats =
    [
        "ddd, dd MMM yyyy HH:mm:ss zzz",
        "ddd, d MMM yyyy HH:mm:ss zzz",
        "dd MMM yyyy HH:mm:ss zzz",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 6)
        {
            return false;
        }

        // "+0000" → "+00:00", which the zzz specifier understands; "GMT" means the same.
        var trimmed = text.Trim();
        if (trimmed.EndsWith(" GMT", StringComparison.Ordinal) || trimmed.EndsWith(" UT", StringComparison.Ordinal))
        {
            trimmed = trimmed[..trimmed.LastIndexOf(' ')] + " +00:00";
        }
        else if (trimmed[^5] is '+' or '-' && trimmed[^6] == ' ')
        {
            trimmed = string.Concat(trimmed.AsSpan(0, trimmed.Length - 2), ":", trimmed.AsSpan(trimmed.Length - 2));
        }

        return DateTimeOffset.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
