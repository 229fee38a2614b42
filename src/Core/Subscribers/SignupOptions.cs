using System.ComponentModel.DataAnnotations;

namespace Reminders.Core.Subscribers;

/// <summary>Who may sign up and the defaults for text-in signups. Section <c>Signup</c>.</summary>
public sealed class SignupOptions
{
    public const string SectionName = "Signup";

    /// <summary>Country calling codes a signup may use (SMS pumping guard). Default <c>1</c> (US/Canada).</summary>
    public IList<string> AllowedCountryCodes { get; } = [];

    /// <summary>
    /// ISO 3166 regions a signup may come from, checked with libphonenumber's region for the number (SMS pumping
    /// guard: +1 876 is Jamaica, not the US). Default <c>US</c>, <c>CA</c>. Applies together with
    /// <see cref="AllowedCountryCodes"/>, so it narrows what the calling codes allow.
    /// </summary>
    public IList<string> AllowedRegions { get; } = [];

    /// <summary>
    /// Public signups per client address per clock hour, counted in the store so every instance shares them. IPv4
    /// addresses count one by one, IPv6 addresses by their /64 (one customer's network). Default 20.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxPerAddressPerHour { get; set; } = 20;

    /// <summary>
    /// Public signups per clock minute from all addresses together: the ceiling that stops a pump spread over many
    /// addresses (a warning is logged when it is reached). Default 60.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxPerMinute { get; set; } = 60;

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

    /// <summary>The allowed regions, upper case, with <c>US</c> and <c>CA</c> when none are configured.</summary>
    public IReadOnlyList<string> EffectiveRegions =>
        AllowedRegions.Count > 0 ? [.. AllowedRegions.Select(r => r.Trim().ToUpperInvariant())] : ["US", "CA"];

    /// <summary>
    /// For a handset that texted in: its calling code is allowed and it is not placed in a region outside
    /// <see cref="EffectiveRegions"/>. A number libphonenumber places in no region (<c>ZZ</c>, for example a range newer
    /// than the metadata) is let through on its calling code, since it has just proved it can send a text; API signups
    /// are stricter (<see cref="SubscriptionInput.Phone"/>).
    /// </summary>
    public bool IsAllowed(PhoneNumber phone) =>
        IsAllowedCountryCode(phone) && (phone.Region == "ZZ" || IsAllowedRegion(phone));

    /// <summary>Whether the country calling code of <paramref name="phone"/> is one of the allowed ones.</summary>
    public bool IsAllowedCountryCode(PhoneNumber phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var code = phone.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return EffectiveCountryCodes.Any(allowed => string.Equals(allowed, code, StringComparison.Ordinal));
    }

    /// <summary>Whether libphonenumber's region for <paramref name="phone"/> is one of <see cref="EffectiveRegions"/>.</summary>
    public bool IsAllowedRegion(PhoneNumber phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var region = phone.Region;
        return EffectiveRegions.Any(allowed => string.Equals(allowed, region, StringComparison.Ordinal));
    }
}
