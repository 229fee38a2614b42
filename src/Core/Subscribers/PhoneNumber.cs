using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PhoneNumbers;

namespace Reminders.Core.Subscribers;

/// <summary>
/// A phone number in E.164 form (<c>+</c>, country code, national number), read and checked with Google's
/// libphonenumber (<see cref="PhoneNumberUtil"/>). Typed input goes through <see cref="TryParse"/>, which accepts
/// national and international writing and requires a number libphonenumber knows to be real (<c>IsValidNumber</c>);
/// values we stored ourselves or that Twilio sends go through <see cref="TryFromE164"/>/<see cref="FromE164"/>, which
/// accept any possible E.164 number so that no stored subscriber becomes unreadable when the metadata changes.
/// </summary>
public sealed record PhoneNumber
{
    private const int MaxInputLength = 40;
    private const string UnknownTimeZone = "Etc/Unknown";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly System.Buffers.SearchValues<char> AsciiDigits = System.Buffers.SearchValues.Create("0123456789");

    private PhoneNumber(string value, int countryCode)
    {
        Value = value;
        CountryCode = countryCode;
    }

    /// <summary>
    /// Loads libphonenumber's metadata and parses one number, so start-up can do it on another core while the host is
    /// built (options validation and the first request need it; loading it takes tens of milliseconds).
    /// </summary>
    public static void WarmUp() => _ = TryFromE164("+12015550123", out _, out _);

    /// <summary>The E.164 text, for example <c>+14155550123</c>.</summary>
    public string Value { get; }

    /// <summary>The country calling code, for example 1 (US, Canada and the rest of NANP) or 44.</summary>
    public int CountryCode { get; }

    /// <summary>The number with all but the last four digits hidden, for logs: <c>+1******0123</c>.</summary>
    public string Masked => Mask(Value);

    /// <summary>
    /// Parses what a person typed: <c>(415) 555-0123</c>, <c>415.555.0123</c>, <c>1 415 555 0123</c>,
    /// <c>+1 415-555-0123</c>, <c>+44 (0)20 7946 0958</c>, <c>0044 20 7946 0958</c>. A number without a country code
    /// is read in the main region of <paramref name="defaultCountryCode"/> (<c>Signup:DefaultCountryCode</c>). Only
    /// digits and common punctuation are allowed (no vanity letters, no extensions), and the result must be a
    /// valid number for its region.
    /// </summary>
    /// <param name="input">What the user typed.</param>
    /// <param name="defaultCountryCode">Digits only, for example <c>1</c> or <c>44</c>.</param>
    /// <param name="phone">The normalised number when the result is <see langword="true"/>.</param>
    /// <param name="error">Why the input was rejected, when the result is <see langword="false"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="defaultCountryCode"/> is not a country calling code.</exception>
    public static bool TryParse(
        string? input,
        string defaultCountryCode,
        [NotNullWhen(true)] out PhoneNumber? phone,
        [NotNullWhen(false)] out string? error)
    {
        phone = null;
        var region = RegionFor(defaultCountryCode);
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "A phone number is required.";
            return false;
        }

        if (input.Length > MaxInputLength)
        {
            error = "The phone number is too long.";
            return false;
        }

        // "+44 (0)20 7946 0958": the bracketed trunk 0 is dialled only nationally and is not part of the number.
        var text = input.Trim().Replace("(0)", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!(char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00A0' || (c == '+' && i == 0)))
            {
                error = $"The phone number contains '{c}', which is not a digit or common punctuation.";
                return false;
            }
        }

        // "00 44 ..." is how much of the world dials "+44"; libphonenumber only knows the IDD of the default region.
        var digitsOnly = new string([.. text.Where(char.IsAsciiDigit)]);
        if (digitsOnly.Length == 0)
        {
            error = "This is not a phone number.";
            return false;
        }

        if (text[0] != '+' && digitsOnly.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + digitsOnly[2..];
        }

        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, region);
        }
        catch (NumberParseException ex)
        {
            error = ex.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => "The country code is not valid.",
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "The phone number is too short.",
                ErrorType.TOO_LONG => "The phone number is too long.",
                _ => "This is not a phone number.",
            };
            return false;
        }

        switch (Util.IsPossibleNumberWithReason(parsed))
        {
            case PhoneNumberUtil.ValidationResult.TOO_SHORT or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
                error = "The phone number is too short: include the area code.";
                return false;
            case PhoneNumberUtil.ValidationResult.TOO_LONG:
                error = "The phone number is too long.";
                return false;
            case PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE:
                error = "The country code is not valid.";
                return false;
        }

        if (!Util.IsValidNumber(parsed))
        {
            error = "This number does not exist: check the area code and the number.";
            return false;
        }

        phone = new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164), parsed.CountryCode);
        error = null;
        return true;
    }

    /// <summary>
    /// Reads an E.164 value we stored or Twilio sent (<c>+</c> and 8 to 15 digits, exactly as libphonenumber would
    /// write it, and of a possible length for its country). Validity is not required, see the type's remarks.
    /// </summary>
    public static bool TryFromE164(string? value, [NotNullWhen(true)] out PhoneNumber? phone, [NotNullWhen(false)] out string? error)
    {
        phone = null;
        if (value is not { Length: >= 9 and <= 16 } || value[0] != '+' || value[1] == '0' || value.AsSpan(1).ContainsAnyExcept(AsciiDigits))
        {
            error = "An E.164 number is '+' and 8 to 15 digits, the first not 0.";
            return false;
        }

        try
        {
            var parsed = Util.Parse(value, "ZZ");
            if (!Util.IsPossibleNumber(parsed) || Util.Format(parsed, PhoneNumberFormat.E164) != value)
            {
                error = "The number has the wrong length for its country code.";
                return false;
            }

            phone = new PhoneNumber(value, parsed.CountryCode);
            error = null;
            return true;
        }
        catch (NumberParseException)
        {
            error = "The country code is not valid.";
            return false;
        }
    }

    /// <summary>Reads a stored E.164 value (see <see cref="TryFromE164"/>); throws <see cref="FormatException"/> otherwise.</summary>
    public static PhoneNumber FromE164(string value) =>
        TryFromE164(value, out var phone, out var error)
            ? phone
            : throw new FormatException($"'{Mask(value)}' is not an E.164 number: {error}");

    /// <summary>
    /// The IANA zone of this number when libphonenumber maps it to exactly one (<c>+1 415</c> is
    /// <c>America/Los_Angeles</c>, <c>+1 212</c> <c>America/New_York</c>); null when it maps to several (a toll-free
    /// or mobile range spanning zones), to none, or to a zone this machine does not know.
    /// </summary>
    public string? SingleTimeZone
    {
        get
        {
            try
            {
                var zones = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(Util.Parse(Value, "ZZ"));
                return zones is [var zone] && zone != UnknownTimeZone
                    && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
                    ? zone
                    : null;
            }
            catch (NumberParseException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The ISO 3166 region libphonenumber gives this number (<c>US</c>, <c>CA</c>, <c>JM</c> for +1 876), or <c>ZZ</c>
    /// when it belongs to no single region. Country code 1 is shared by 25 NANP regions, which is why signups are
    /// limited by region and not by calling code.
    /// </summary>
    public string Region => Util.GetRegionCodeForNumber(Util.Parse(Value, "ZZ")) ?? "ZZ";

    /// <summary>What kind of line libphonenumber says this is (mobile, fixed line, premium rate, toll free...).</summary>
    public PhoneNumberType LineType => Util.GetNumberType(Util.Parse(Value, "ZZ"));

    /// <summary>
    /// Whether a text to this number reaches a person's handset at the ordinary price: a mobile, fixed-line or
    /// fixed-line-or-mobile number. Premium-rate, shared-cost, toll-free, VoIP, pager, UAN, voicemail and unknown
    /// types are what SMS pumping targets (or cannot receive texts), so they cannot sign up.
    /// </summary>
    public bool IsPersonalLine => LineType is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE or PhoneNumberType.FIXED_LINE;

    /// <summary>Whether <paramref name="region"/> is an ISO 3166 region libphonenumber has numbers for (<c>US</c>, <c>CA</c>, <c>GB</c>).</summary>
    public static bool IsRegion(string? region) =>
        region is { Length: 2 } && Util.GetSupportedRegions().Contains(region);

    /// <summary>Whether <paramref name="countryCode"/> (digits, for example <c>1</c>) is a country calling code libphonenumber knows.</summary>
    public static bool IsCountryCode(string? countryCode) =>
        countryCode is { Length: >= 1 and <= 3 } && countryCode[0] is >= '1' and <= '9' && countryCode.All(char.IsAsciiDigit)
        && Util.GetRegionCodeForCountryCode(int.Parse(countryCode, CultureInfo.InvariantCulture)) != "ZZ";

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

    private static string RegionFor(string defaultCountryCode)
    {
        // A "+44" here used to produce "++44..."; the setting is validated at start, so this is a programming error.
        if (!IsCountryCode(defaultCountryCode))
        {
            throw new ArgumentException("The default country code must be a country calling code such as 1 or 44, without '+'.", nameof(defaultCountryCode));
        }

        return Util.GetRegionCodeForCountryCode(int.Parse(defaultCountryCode, CultureInfo.InvariantCulture));
    }
}
