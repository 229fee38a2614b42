using Reminders.Core.Subscribers;

namespace Reminders.Tests.Subscribers;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("(555) 123-0123", "1", "+15551230123")]
    [InlineData("555.123.0123", "1", "+15551230123")]
    [InlineData("555-123-0123", "1", "+15551230123")]
    [InlineData("555 123 0123", "1", "+15551230123")]
    [InlineData("5551230123", "1", "+15551230123")]
    [InlineData("1 (555) 123-0123", "1", "+15551230123")]
    [InlineData("1-555-123-0123", "1", "+15551230123")]
    [InlineData("+1 (555) 123-0123", "1", "+15551230123")]
    [InlineData("+1/555/123/0123", "1", "+15551230123")]
    [InlineData("555\u00A0123\u00A00123", "1", "+15551230123")]
    [InlineData("  +15551230123  ", "1", "+15551230123")]
    [InlineData("+15551230123", "44", "+15551230123")]
    [InlineData("+44 20 7946 0958", "1", "+442079460958")]
    [InlineData("+44 (0)20 7946 0958", "1", "+442079460958")]
    [InlineData("(0)20 7946 0958", "44", "+442079460958")]
    [InlineData("0044 20 7946 0958", "1", "+442079460958")]
    [InlineData("00 44 20 7946 0958", "1", "+442079460958")]
    [InlineData("020 7946 0958", "44", "+442079460958")]
    [InlineData("20 7946 0958", "44", "+442079460958")]
    [InlineData("07700 900123", "44", "+447700900123")]
    [InlineData("030 1234567", "49", "+49301234567")]
    [InlineData("+61 2 9374 4000", "1", "+61293744000")]
    [InlineData("+91 98765 43210", "1", "+919876543210")]
    [InlineData("+49 301234", "1", "+49301234")]
    [InlineData("+493012345678901", "44", "+493012345678901")]
    public void TryParse_AcceptedInput_NormalisesToE164(string input, string defaultCountryCode, string expected)
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
    [InlineData("555-CALL-NOW", "contains 'C'")]
    [InlineData("555123012a", "contains 'a'")]
    [InlineData("555#1230123", "contains '#'")]
    [InlineData("555*1230123", "contains '*'")]
    [InlineData("1+5551230123", "contains '+'")]
    [InlineData("++15551230123", "contains '+'")]
    [InlineData("+1 555 123 0123 ext 4", "contains 'e'")]
    [InlineData("\u0665\u0665\u0665\u0661\u0662\u0663\u0660\u0661\u0662\u0663", "contains")]
    [InlineData("12345", "8 to 15 digits")]
    [InlineData("+4930123", "8 to 15 digits")]
    [InlineData("+1234567890123456", "8 to 15 digits")]
    [InlineData("0044 1234", "8 to 15 digits")]
    [InlineData("()", "8 to 15 digits")]
    [InlineData("+0 555 123 0123", "cannot start with 0")]
    [InlineData("000 555 123 0123", "cannot start with 0")]
    [InlineData("555-1234", "10 digits after the 1")]
    [InlineData("+1 555 123 012", "10 digits after the 1")]
    [InlineData("+1 555 123 01234", "10 digits after the 1")]
    [InlineData("12 555 123 0123", "10 digits after the 1")]
    public void TryParse_RejectedInput_FailsWithReason(string? input, string reasonFragment)
    {
        var ok = PhoneNumber.TryParse(input, "1", out var phone, out var error);

        Assert.False(ok);
        Assert.Null(phone);
        Assert.Contains(reasonFragment, error, StringComparison.Ordinal);
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
    public void TryParse_MalformedDefaultCountryCode_Throws(string defaultCountryCode)
    {
        var error = Assert.Throws<ArgumentException>(() => PhoneNumber.TryParse("020 7946 0958", defaultCountryCode, out _, out _));

        Assert.Equal("defaultCountryCode", error.ParamName);
    }

    [Theory]
    [InlineData("+15551230123", "+1******0123")]
    [InlineData("+442079460958", "+********0958")]
    [InlineData("+49301234", "+****1234")]
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
    [InlineData("")]
    public void FromE164_NotNormalised_ThrowsWithoutTheFullNumber(string value)
    {
        var error = Assert.Throws<FormatException>(() => PhoneNumber.FromE164(value));

        Assert.DoesNotContain("555123", error.Message, StringComparison.Ordinal);
    }
}
