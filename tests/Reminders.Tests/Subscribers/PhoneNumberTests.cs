using Reminders.Core.Subscribers;

namespace Reminders.Tests.Subscribers;

public sealed class PhoneNumberTests
{
    [Theory]
    // National input (Signup:DefaultCountryCode 1), with spaces, dashes, dots, parentheses, slashes, no-break spaces.
    [InlineData("(415) 555-0123", "1", "+14155550123")]
    [InlineData("415.555.0123", "1", "+14155550123")]
    [InlineData("415-555-0123", "1", "+14155550123")]
    [InlineData("415 555 0123", "1", "+14155550123")]
    [InlineData("4155550123", "1", "+14155550123")]
    [InlineData("415/555/0123", "1", "+14155550123")]
    [InlineData("415\u00A0555\u00A00123", "1", "+14155550123")]
    [InlineData("  (212) 555-0199  ", "1", "+12125550199")]
    // +1 with and without the plus; a leading trunk 1.
    [InlineData("+1 415 555 0123", "1", "+14155550123")]
    [InlineData("+14155550123", "1", "+14155550123")]
    [InlineData("1 (212) 555-0100", "1", "+12125550100")]
    [InlineData("1-212-555-0100", "1", "+12125550100")]
    [InlineData("14155550123", "1", "+14155550123")]
    [InlineData("+1 (415) 555-0123", "44", "+14155550123")]
    // Fictional 555-01XX numbers in real area codes, Canada, toll free.
    [InlineData("212-555-0100", "1", "+12125550100")]
    [InlineData("(613) 555-0123", "1", "+16135550123")]
    [InlineData("1 800 555 0199", "1", "+18005550199")]
    // Other countries, international and national.
    [InlineData("+44 20 7946 0958", "1", "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", "1", "+442079460958")]
    [InlineData("0044 20 7946 0958", "1", "+442079460958")]
    [InlineData("020 7946 0958", "44", "+442079460958")]
    [InlineData("07911 123456", "44", "+447911123456")]
    [InlineData("030 1234567", "49", "+49301234567")]
    [InlineData("+61 2 9374 4000", "1", "+61293744000")]
    public void TryParse_ValidInput_NormalisesToE164(string input, string defaultCountryCode, string expected)
    {
        var ok = PhoneNumber.TryParse(input, defaultCountryCode, out var phone, out var error);

        Assert.True(ok, error);
        Assert.Equal(expected, phone!.Value);
        Assert.Equal(expected, phone.ToString());
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    // Letters (no vanity numbers), symbols, a misplaced plus, extensions, non-ASCII digits.
    [InlineData("415-CALL-NOW", "contains 'C'")]
    [InlineData("415555012a", "contains 'a'")]
    [InlineData("415#5550123", "contains '#'")]
    [InlineData("1+4155550123", "contains '+'")]
    [InlineData("++14155550123", "contains '+'")]
    [InlineData("+1 415 555 0123 ext 4", "contains 'e'")]
    [InlineData("\u0664\u0661\u0665\u0665\u0665\u0665\u0660\u0661\u0662\u0663", "contains")]
    // Too short, too long.
    [InlineData("415 555 012", "too short")]
    [InlineData("555-1234", "too short")]
    [InlineData("+1 415 555 01234", "too long")]
    [InlineData("415555012345", "too long")]
    // Invalid area codes (555, 123, 911) and exchange codes (0XX, 1XX).
    [InlineData("(555) 123-0123", "does not exist")]
    [InlineData("(123) 555-0123", "does not exist")]
    [InlineData("(911) 555-0123", "does not exist")]
    [InlineData("(415) 055-0123", "does not exist")]
    [InlineData("(415) 155-0123", "does not exist")]
    [InlineData("+44 20 7946 095", "does not exist")]
    [InlineData("+999 1234 5678", "country code is not valid")]
    public void TryParse_RejectedInput_FailsWithReason(string? input, string reasonFragment)
    {
        var ok = PhoneNumber.TryParse(input, "1", out var phone, out var error);

        Assert.False(ok);
        Assert.Null(phone);
        Assert.Contains(reasonFragment, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+1 415 555 0123", true)]
    [InlineData("(613) 555-0123", true)]
    [InlineData("+44 20 7946 0958", false)]
    [InlineData("+61 2 9374 4000", false)]
    public void SignupOptions_DefaultCountries_AllowOnlyCountryCode1(string input, bool allowed)
    {
        Assert.True(PhoneNumber.TryParse(input, "1", out var phone, out _));

        Assert.Equal(allowed, new SignupOptions().IsAllowed(phone));
    }

    [Fact]
    public void SignupOptions_AllowedCountryCodes_CompareTheWholeCountryCode()
    {
        var options = new SignupOptions();
        options.AllowedCountryCodes.Add("4");
        options.AllowedCountryCodes.Add("1");
        Assert.True(PhoneNumber.TryParse("+44 20 7946 0958", "1", out var uk, out _));
        Assert.True(PhoneNumber.TryParse("+1 415 555 0123", "1", out var us, out _));

        Assert.False(options.IsAllowed(uk));
        Assert.True(options.IsAllowed(us));
        Assert.Equal(44, uk.CountryCode);
    }

    [Theory]
    [InlineData("+14155550123", "America/Los_Angeles")]
    [InlineData("+12125550123", "America/New_York")]
    [InlineData("+16135550123", "America/Toronto")]
    [InlineData("+442079460958", "Europe/London")]
    [InlineData("+19075550123", null)]
    [InlineData("+18005550199", null)]
    [InlineData("+15551230123", null)]
    public void SingleTimeZone_OneZoneOnly_ElseNull(string e164, string? expected)
    {
        Assert.Equal(expected, PhoneNumber.FromE164(e164).SingleTimeZone);
    }

    [Fact]
    public void TryParse_InputLongerThan40Characters_FailsAsTooLong()
    {
        var input = "+1 " + new string(' ', 30) + "555 123 0123";

        var ok = PhoneNumber.TryParse(input, "1", out _, out var error);

        Assert.False(ok);
        Assert.Equal("The phone number is too long.", error);
    }

    [Theory]
    [InlineData("+44")]
    [InlineData("044")]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("4a")]
    [InlineData("999")]
    public void TryParse_MalformedDefaultCountryCode_Throws(string defaultCountryCode)
    {
        var error = Assert.Throws<ArgumentException>(() => PhoneNumber.TryParse("020 7946 0958", defaultCountryCode, out _, out _));

        Assert.Equal("defaultCountryCode", error.ParamName);
    }

    [Theory]
    [InlineData("+15551230123", "+1******0123")]
    [InlineData("+442079460958", "+********0958")]
    [InlineData("+49301234567", "+*******4567")]
    public void Masked_ValidNumber_KeepsCountryPrefixAndLastFourDigits(string e164, string expected)
    {
        var phone = PhoneNumber.FromE164(e164);

        Assert.Equal(expected, phone.Masked);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("123", "***")]
    [InlineData("1234", "****")]
    [InlineData("5551230123", "******0123")]
    [InlineData("+15551230123", "+1******0123")]
    [InlineData("whatever-secret", "***********cret")]
    public void Mask_AnyText_HidesAllButLastFour(string? value, string expected)
    {
        var masked = PhoneNumber.Mask(value);

        Assert.Equal(expected, masked);
    }

    [Fact]
    public void FromE164_NormalisedValue_RoundTrips()
    {
        var phone = PhoneNumber.FromE164("+442079460958");

        Assert.Equal("+442079460958", phone.Value);
        Assert.Equal(PhoneNumber.FromE164("+442079460958"), phone);
    }

    [Theory]
    [InlineData("5551230123")]
    [InlineData("15551230123")]
    [InlineData("+1 555 123 0123")]
    [InlineData("+1555123")]
    [InlineData("+141555501234")]
    [InlineData("+9991234567")]
    [InlineData("")]
    public void FromE164_NotNormalised_ThrowsWithoutTheFullNumber(string value)
    {
        var error = Assert.Throws<FormatException>(() => PhoneNumber.FromE164(value));

        Assert.DoesNotContain("555123", error.Message, StringComparison.Ordinal);
    }
}
