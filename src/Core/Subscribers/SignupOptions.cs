using System.ComponentModel.DataAnnotations;

namespace Reminders.Core.Subscribers;

/// <summary>Who may sign up and the defaults for text-in signups. Section <c>Signup</c>.</summary>
public sealed class SignupOptions
{
    public const string SectionName = "Signup";

    /// <summary>Country calling codes a signup may use (SMS pumping guard). Default <c>1</c> (US/Canada).</summary>
    public IList<string> AllowedCountryCodes { get; } = [];

    /// <summary>Country code given to national numbers. Default <c>1</c>.</summary>
    [Required, RegularExpression("^[1-9][0-9]{0,2}$")]
    public string DefaultCountryCode { get; set; } = "1";

    /// <summary>Zone for a subscriber who texts in without choosing one. Default <c>America/New_York</c>.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "America/New_York";

    /// <summary>Local send time for a subscriber who texts in. Default 09:00.</summary>
    public TimeOnly DefaultSendAt { get; set; } = new(9, 0);

    /// <summary>The allowed country codes, with <c>1</c> when none are configured.</summary>
    public IReadOnlyList<string> EffectiveCountryCodes => AllowedCountryCodes.Count > 0 ? [.. AllowedCountryCodes] : ["1"];

    /// <summary>Whether the country calling code of <paramref name="phone"/> is one of the allowed ones.</summary>
    public bool IsAllowed(PhoneNumber phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var code = phone.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return EffectiveCountryCodes.Any(allowed => string.Equals(allowed, code, StringComparison.Ordinal));
    }
}
