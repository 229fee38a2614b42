using System.Web;
using Reminders.Core.Sms.Twilio;

namespace Reminders.Tests.Sms.Twilio;

/// <summary>Vectors from Twilio's security documentation and from the shared Twilio reference (§5.6, re-computed there).</summary>
public sealed class TwilioSignatureValidatorTests
{
    private const string Token = "12345";

    private static readonly KeyValuePair<string, string?>[] DocParams =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675310"),
        new("Digits", "1234"),
        new("From", "+14158675310"),
        new("To", "+18005551212"),
    ];

    private const string InboundBody =
        "ToCountry=US&ToState=CA&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&ToCity=&FromZip=94105"
        + "&SmsSid=SM0123456789abcdef0123456789abcdef&FromState=CA&SmsStatus=received&FromCity=SAN+FRANCISCO&Body=stop"
        + "&FromCountry=US&To=%2B15005550006&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&ToZip=&OptOutType=STOP"
        + "&NumSegments=1&MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef"
        + "&From=%2B14155550100&ApiVersion=2010-04-01";

    private const string StatusBody =
        "SmsSid=SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&SmsStatus=undelivered&MessageStatus=undelivered&To=%2B14155550100"
        + "&MessagingServiceSid=MG0123456789abcdef0123456789abcdef&MessageSid=SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        + "&AccountSid=AC0123456789abcdef0123456789abcdef&ErrorCode=30003&From=%2B15005550006&ApiVersion=2010-04-01"
        + "&RawDlrDoneDate=2607171207";

    private const string InboundUrl = "https://nudge.example.com/twilio/inbound?tenant=alpha";
    private const string InboundSignature = "6UJToJh5JNLKLMMU5sJmS2l0RyI=";

    private readonly TwilioSignatureValidator _sut = new(Token);

    private static List<KeyValuePair<string, string?>> Form(string body)
    {
        var parsed = HttpUtility.ParseQueryString(body);
        return [.. parsed.AllKeys.Select(key => new KeyValuePair<string, string?>(key!, parsed[key]))];
    }

    [Fact]
    public void IsValid_TwilioDocumentedExample_Validates()
    {
        Assert.True(_sut.IsValid("https://example.com/myapp.php?foo=1&bar=2", DocParams, "L/OH5YylLD5NRKLltdqwSvS0BnU="));
        Assert.False(_sut.IsValid("https://example.com/myapp.php?foo=1&bar=3", DocParams, "L/OH5YylLD5NRKLltdqwSvS0BnU="));
    }

    [Fact]
    public void IsValid_InboundStopWithEmptyFields_Validates()
    {
        Assert.True(_sut.IsValid(InboundUrl, Form(InboundBody), InboundSignature));
    }

    [Fact]
    public void IsValid_StatusCallbackExample_Validates()
    {
        Assert.True(_sut.IsValid("https://nudge.example.com/twilio/status", Form(StatusBody), "9FuLQpCeFzaH5uidI71ABiW+7vQ="));
    }

    [Fact]
    public void IsValid_FieldsInAnotherOrder_StillValidates()
    {
        var reversed = Enumerable.Reverse(Form(InboundBody)).ToList();

        Assert.True(_sut.IsValid(InboundUrl, reversed, InboundSignature));
    }

    [Fact]
    public void IsValid_SignedWithDefaultPort_ValidatesAgainstThePortlessUrl()
    {
        Assert.True(_sut.IsValid(InboundUrl, Form(InboundBody), "8ojeJENMEHSwwUYYbhkxswRHbTQ="));
    }

    [Theory]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "GvWf1cFY/Q7PnoempGyD5oXAezc=", true)]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "5s2PFy0qmPcZucb4eH4b08ZJtL0=", true)]
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "Fj7IoQ7Vm8AisfXChOMn3DHQMgE=", true)]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "lVkIVw/KYX3UBbKTaIuffnwPEjg=", false)]
    public void IsValid_PortVariants_AcceptsTheOnesTheSdksTry(string url, string signature, bool expected)
    {
        // Signatures computed with python3 over the documented parameters: GvWf… without a port, 5s2P… with :443,
        // Fj7I… for http with :80, lVkI… with :1234 (a non-default port is never added).
        Assert.Equal(expected, _sut.IsValid(url, DocParams, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("6UJToJh5JNLKLMMU5sJmS2l0Ryi=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("6UJToJh5JNLKLMMU5sJmS2l0RyI")]
    [InlineData("6UJToJh5JNLKLMMU5sJmS2l0RyI= ")]
    public void IsValid_MissingOrForgedSignature_Fails(string? signature)
    {
        Assert.False(_sut.IsValid(InboundUrl, Form(InboundBody), signature));
    }

    [Fact]
    public void IsValid_ChangedBody_Fails()
    {
        var form = Form(InboundBody).Select(p => p.Key == "Body" ? new KeyValuePair<string, string?>("Body", "start") : p).ToList();

        Assert.False(_sut.IsValid(InboundUrl, form, InboundSignature));
    }

    [Fact]
    public void IsValid_EmptyFieldDropped_Fails()
    {
        var form = Form(InboundBody).Where(p => p.Key != "ToCity").ToList();

        Assert.False(_sut.IsValid(InboundUrl, form, InboundSignature));
    }

    [Fact]
    public void IsValid_ExtraField_Fails()
    {
        var form = Form(InboundBody).Append(new("Injected", "1")).ToList();

        Assert.False(_sut.IsValid(InboundUrl, form, InboundSignature));
    }

    [Theory]
    [InlineData("https://nudge.example.com/twilio/inbound?tenant=beta")]
    [InlineData("https://nudge.example.com/twilio/inbound/?tenant=alpha")]
    [InlineData("http://nudge.example.com/twilio/inbound?tenant=alpha")]
    [InlineData("https://evil.example.com/twilio/inbound?tenant=alpha")]
    [InlineData("https://nudge.example.com/twilio/inbound")]
    public void IsValid_OtherUrl_Fails(string url)
    {
        Assert.False(_sut.IsValid(url, Form(InboundBody), InboundSignature));
    }

    [Fact]
    public void IsValid_OtherToken_Fails()
    {
        Assert.False(new TwilioSignatureValidator("54321").IsValid(InboundUrl, Form(InboundBody), InboundSignature));
    }

    [Fact]
    public void IsValid_KeysDifferingOnlyInCase_SortsOrdinally()
    {
        // Ordinal order puts "Body" before "alpha"; a culture-aware sort would not.
        KeyValuePair<string, string?>[] form = [new("alpha", "1"), new("Body", "2")];
        var signature = Tests.TestDoubles.FakeTwilio.FakeTwilioSigner.Sign(Token, "https://h.example/x", [new("Body", "2"), new("alpha", "1")]);

        Assert.True(_sut.IsValid("https://h.example/x", form, signature));
    }

    [Fact]
    public void IsValid_RepeatedKey_Fails()
    {
        KeyValuePair<string, string?>[] form = [new("Body", "1"), new("Body", "2")];
        var signature = Tests.TestDoubles.FakeTwilio.FakeTwilioSigner.Sign(Token, "https://h.example/x", [new("Body", "1"), new("Body", "2")]);

        Assert.False(_sut.IsValid("https://h.example/x", form, signature));
    }

    [Theory]
    [InlineData("?tenant=alpha")]
    [InlineData("tenant=alpha")]
    public void IsValidWebhook_PathAndRawQuery_RebuildsTheConfiguredUrl(string query)
    {
        var sut = new TwilioSignatureValidator(Token, "https://nudge.example.com");

        Assert.True(sut.IsValidWebhook("/twilio/inbound", query, Form(InboundBody), InboundSignature));
        Assert.False(sut.IsValidWebhook("/twilio/inbound", "?tenant=beta", Form(InboundBody), InboundSignature));
    }

    [Fact]
    public void IsValidWebhook_NoBaseUrlConfigured_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => _sut.IsValidWebhook("/x", null, [], "sig"));
    }

    [Theory]
    [InlineData("https://h.example/p?q=%2B1", "https://h.example:443/p?q=%2B1")]
    [InlineData("http://h.example/p", "http://h.example:80/p")]
    [InlineData("https://h.example:8443/p", "https://h.example/p")]
    [InlineData("https://H.Example/p", "https://H.Example:443/p")]
    public void IsValid_SignedForThePortVariant_Validates(string url, string signedUrl)
    {
        var signature = Tests.TestDoubles.FakeTwilio.FakeTwilioSigner.Sign(Token, signedUrl, [new("Body", "hi")]);

        Assert.True(_sut.IsValid(url, [new("Body", "hi")], signature));
        Assert.False(_sut.IsValid(url, [new("Body", "hi!")], signature));
    }
}
