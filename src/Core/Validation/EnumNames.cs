using System.Diagnostics.CodeAnalysis;

namespace Reminders.Core.Validation;

/// <summary>
/// Reads an enum value from outside input by its name only. <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>
/// also accepts numbers (<c>"3"</c>) and comma lists combined as flags (<c>"active,paused"</c> is 1|2, which is
/// <c>stopped</c>), so a client could reach a value it never named. Here the input must equal one declared name,
/// ignoring case only.
/// </summary>
public static class EnumNames
{
    /// <summary>Whether <paramref name="value"/> is exactly one of <typeparamref name="TEnum"/>'s names (case-insensitive).</summary>
    public static bool TryParse<TEnum>([NotNullWhen(true)] string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        if (value is not null)
        {
            foreach (var name in Enum.GetNames<TEnum>())
            {
                if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
                {
                    result = Enum.Parse<TEnum>(name);
                    return true;
                }
            }
        }

        result = default;
        return false;
    }

    /// <summary>The names of <typeparamref name="TEnum"/> in lower case, for error messages.</summary>
    public static string List<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
}
