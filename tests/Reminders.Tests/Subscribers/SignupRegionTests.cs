using PhoneNumberType = PhoneNumbers.PhoneNumberType;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Subscribers;

/// <summary>
/// Finding 4 of the probe: "country code 1" let in the whole NANP (Jamaica, the Dominican Republic, the BVI, Grenada),
/// +1 900 premium numbers and invalid +1 000 / +1 111 numbers. Signups are limited by libphonenumber's region and
/// line type instead.
/// </summary>
public sealed class SignupRegionTests
{
    public static TheoryData<string> ProbeNumbers => new()
    {
        "+1 876 523 0123",
        "+1 809 234 5678",
        "+1 284 229 1234",
        "+1 473 269 1234",
        "+1 900 234 5678",
        "+1 000 555 0123",
        "+1 111 555 0123",
    };

    [Theory]
    [MemberData(nameof(ProbeNumbers))]
    public void Phone_ProbeNumbers_DefaultSettings_RefusedOnPhoneField(string input)
    {
        var errors = new FieldErrors();

        var phone = SubscriptionInput.Phone(input, new SignupOptions(), errors);

        Assert.Null(phone);
        Assert.Equal(["phone"], errors.Keys);
    }

    [Theory]
    [InlineData("+1 201 555 0123", "US")]
    [InlineData("+1 212 555 0123", "US")]
    [InlineData("+1 415 555 0123", "US")]
    [InlineData("+1 506 234 5678", "CA")]
    [InlineData("+1 613 555 0123", "CA")]
    [InlineData("+1 416 555 0123", "CA")]
    public void Phone_UsAndCanadianMobiles_DefaultSettings_Accepted(string input, string region)
    {
        var errors = new FieldErrors();

        var phone = SubscriptionInput.Phone(input, new SignupOptions(), errors);

        Assert.Empty(errors);
        Assert.NotNull(phone);
        Assert.Equal(region, phone.Region);
        Assert.True(phone.LineType is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE, $"{input} is {phone.LineType}");
    }

    [Theory]
    [InlineData("+1 800 234 5678")]
    [InlineData("+1 888 555 0199")]
    [InlineData("+1 900 234 5678")]
    public void Phone_TollFreeOrPremium_RefusedAsNotAPersonalLine(string input)
    {
        Assert.True(PhoneNumber.TryParse(input, "1", out var phone, out _));
        Assert.False(phone.IsPersonalLine);
        var errors = new FieldErrors();

        Assert.Null(SubscriptionInput.Phone(input, new SignupOptions(), errors));
        Assert.Contains("mobile and landline", errors["phone"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Phone_RegionConfigured_JamaicaAllowedUsRefused()
    {
        var options = new SignupOptions();
        options.AllowedRegions.Add("jm");

        Assert.NotNull(SubscriptionInput.Phone("+1 876 210 1234", options, new FieldErrors()));
        Assert.Null(SubscriptionInput.Phone("+1 212 555 0123", options, new FieldErrors()));
    }

    [Fact]
    public void IsAllowed_TextInFromJamaica_Refused()
    {
        Assert.True(PhoneNumber.TryParse("+1 876 210 1234", "1", out var jamaica, out _));

        Assert.False(new SignupOptions().IsAllowed(jamaica));
    }
}
