using System.Globalization;

namespace Reminders.Functions.Http;

/// <summary>Query string values, read the same way in both modes (the function reads them, not a binder).</summary>
internal static class Query
{
    /// <summary>The first value of <paramref name="name"/>, or null when absent.</summary>
    public static string? Text(HttpContext http, string name)
    {
        ArgumentNullException.ThrowIfNull(http);
        var values = http.Request.Query[name];
        return values.Count == 0 ? null : values[0];
    }

    /// <summary>
    /// A whole number, or null when absent or blank. False (and a 400 problem from the caller) when it is not a
    /// whole number, as a minimal-API binder would refuse it.
    /// </summary>
    public static bool TryNumber(HttpContext http, string name, out int? value)
    {
        value = null;
        if (Text(http, name) is not { Length: > 0 } text)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }
}
