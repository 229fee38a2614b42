using System.Diagnostics.CodeAnalysis;

namespace Reminders.Core.Subscribers;

/// <summary>
/// A phone number in E.164 form (<c>+</c> then 8 to 15 digits, no leading zero in the country code,
/// exactly 11 digits for country code 1).
/// Construct one with <see cref="TryParse"/>; the value is always normalised.
/// </summary>
public sealed record PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    /// <summary>The E.164 text, for example <c>+15551230123</c>.</summary>
    public string Value { get; }

    /// <summary>The number with all but the last four digits hidden, for logs: <c>+1******0123</c>.</summary>
    public string Masked => Mask(Value);

    /// <summary>
    /// Parses user input. Spaces, dots, dashes, slashes and parentheses are ignored, and a bracketed trunk
    /// <c>(0)</c> is dropped; a leading <c>00</c> is read as <c>+</c>; a number without a country code gets
    /// <paramref name="defaultCountryCode"/> (a single national trunk <c>0</c> is dropped first, and for country
    /// code 1 a leading trunk 1 is kept only when 11 digits were given).
    /// </summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="defaultCountryCode">Digits only, for example <c>1</c> or <c>44</c>.</param>
    /// <param name="phone">The normalised number when the result is <see langword="true"/>.</param>
    /// <param name="error">Why the input was rejected, when the result is <see langword="false"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="defaultCountryCode"/> is not 1 to 3 digits starting 1-9.</exception>
    public static bool TryParse(
        string? input,
        string defaultCountryCode,
        [NotNullWhen(true)] out PhoneNumber? phone,
        [NotNullWhen(false)] out string? error)
    {
        phone = null;
        if (!IsCountryCode(defaultCountryCode))
        {
            // A "+44" here used to produce "++44..."; the setting is validated, so this is a programming error.
            throw new ArgumentException("The default country code must be 1 to 3 digits without a leading 0 or '+'.", nameof(defaultCountryCode));
        }

        if (string.IsNullOrWhiteSpace(input))
        {
            error = "A phone number is required.";
            return false;
        }

        if (input.Length > 40)
        {
            error = "The phone number is too long.";
            return false;
        }

        // "+44 (0)20 7946 0958": the bracketed trunk 0 is dialled only nationally and is not part of the number.
        var trimmed = input.Trim().Replace("(0)", string.Empty, StringComparison.Ordinal);
        var international = false;
        var digits = new System.Text.StringBuilder(16);
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                international = true;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0')
            {
                continue;
            }
            else
            {
                error = $"The phone number contains '{c}', which is not a digit or common punctuation.";
                return false;
            }
        }

        var text = digits.ToString();
        if (!international && text.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            text = text[2..];
        }

        if (!international)
        {
            text = ApplyDefaultCountryCode(text, defaultCountryCode);
        }

        if (text.Length is < 8 or > 15)
        {
            error = "A phone number has 8 to 15 digits including the country code.";
            return false;
        }

        if (text[0] == '0')
        {
            error = "A country code cannot start with 0.";
            return false;
        }

        if (text[0] == '1' && text.Length != 11)
        {
            // North American numbers are always 1 + 10 digits; "555-1234" must not become +15551234.
            error = "A number with country code 1 has 10 digits after the 1.";
            return false;
        }

        phone = new PhoneNumber("+" + text);
        error = null;
        return true;
    }

    /// <summary>Parses an already normalised E.164 value (as stored); throws <see cref="FormatException"/> otherwise.</summary>
    public static PhoneNumber FromE164(string value)
    {
        if (!TryParse(value, "1", out var phone, out var error) || phone.Value != value)
        {
            throw new FormatException($"'{Mask(value)}' is not an E.164 number: {error ?? "not normalised"}");
        }

        return phone;
    }

    /// <summary>Masks any phone-like text for logs, keeping only the last four characters.</summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.Length <= 4)
        {
            return new string('*', value.Length);
        }

        var prefix = value.StartsWith("+1", StringComparison.Ordinal) ? 2 : value.StartsWith('+') ? 1 : 0;
        var hidden = Math.Max(0, value.Length - 4 - prefix);
        return string.Concat(value.AsSpan(0, prefix), new string('*', hidden), value.AsSpan(value.Length - 4));
    }

    public override string ToString() => Value;

    private static bool IsCountryCode(string? code) =>
        code is { Length: >= 1 and <= 3 } && code[0] is >= '1' and <= '9' && code.All(char.IsAsciiDigit);

    private static string ApplyDefaultCountryCode(string national, string defaultCountryCode)
    {
        if (defaultCountryCode == "1")
        {
            // North America: 10-digit national numbers, optionally written with a leading 1.
            return national.Length == 11 && national[0] == '1' ? national : "1" + national;
        }

        var withoutTrunk = national.Length > 1 && national[0] == '0' ? national[1..] : national;
        return defaultCountryCode + withoutTrunk;
    }
}
