using Microsoft.Extensions.Configuration;
using Reminders.Core.Sms.Twilio;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.Twilio;

public sealed class TwilioOptionsValidatorTests
{
    private static TwilioOptions Valid() => new()
    {
        AccountSid = FakeTwilioServer.DefaultAccountSid,
        AuthToken = FakeTwilioServer.DefaultAuthToken,
        From = "+15005550006",
        WebhookBaseUrl = "https://nudge.example.com",
    };

    public static TheoryData<string, Action<TwilioOptions>, string> Invalid => new()
    {
        { "no account", o => o.AccountSid = null, "Twilio:AccountSid is required" },
        { "short account", o => o.AccountSid = "AC123", "Twilio:AccountSid must be 'AC' followed by 32" },
        { "wrong prefix", o => o.AccountSid = "SK" + new string('a', 32), "Twilio:AccountSid must be 'AC'" },
        { "no credentials", o => { o.AuthToken = null; o.WebhookBaseUrl = null; }, "Set Twilio:AuthToken, or Twilio:ApiKeySid" },
        { "half a key", o => o.ApiKeySid = FakeTwilioServer.DefaultApiKeySid, "must be set together" },
        { "bad key", o => { o.ApiKeySid = "SK12"; o.ApiKeySecret = "s"; }, "Twilio:ApiKeySid must be 'SK'" },
        { "webhooks without token", o => { o.AuthToken = null; o.ApiKeySid = FakeTwilioServer.DefaultApiKeySid; o.ApiKeySecret = "s"; }, "Twilio:AuthToken is required when Twilio:WebhookBaseUrl is set" },
        { "both senders", o => o.MessagingServiceSid = FakeTwilioServer.DefaultMessagingServiceSid, "exactly one of Twilio:From and Twilio:MessagingServiceSid" },
        { "no sender", o => o.From = null, "exactly one of Twilio:From and Twilio:MessagingServiceSid" },
        { "bad service", o => { o.From = null; o.MessagingServiceSid = "MG1"; }, "Twilio:MessagingServiceSid must be 'MG'" },
        { "relative webhook", o => o.WebhookBaseUrl = "/hooks", "Twilio:WebhookBaseUrl must be an absolute" },
        { "webhook slash", o => o.WebhookBaseUrl = "https://nudge.example.com/", "without query, fragment or trailing slash" },
        { "webhook query", o => o.WebhookBaseUrl = "https://nudge.example.com?x=1", "without query" },
        { "webhook underscore", o => o.WebhookBaseUrl = "https://my_app.example.com", "underscore" },
        { "ftp api", o => o.ApiBaseUrl = "ftp://api.twilio.com", "Twilio:ApiBaseUrl must be an absolute http(s) URL" },
        { "validity zero", o => o.ValidityPeriod = TimeSpan.Zero, "Twilio:ValidityPeriod" },
        { "validity too long", o => o.ValidityPeriod = TimeSpan.FromHours(11), "Twilio:ValidityPeriod" },
        { "validity fraction", o => o.ValidityPeriod = TimeSpan.FromMilliseconds(1500), "Twilio:ValidityPeriod" },
        { "timeout", o => o.RequestTimeout = TimeSpan.FromMinutes(5), "Twilio:RequestTimeout" },
        { "connect", o => o.ConnectTimeout = TimeSpan.FromSeconds(30), "Twilio:ConnectTimeout" },
        { "attempts", o => o.MaxAttempts = 0, "Twilio:MaxAttempts" },
        { "retry cap", o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(10), "Twilio:MaxRetryDelay" },
    };

    [Fact]
    public void Validate_AuthTokenAndFrom_Succeeds()
    {
        Assert.True(new TwilioOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_ApiKeyMessagingServiceAndWebhookToken_Succeeds()
    {
        var options = Valid();
        options.From = null;
        options.MessagingServiceSid = FakeTwilioServer.DefaultMessagingServiceSid;
        options.ApiKeySid = FakeTwilioServer.DefaultApiKeySid;
        options.ApiKeySecret = FakeTwilioServer.DefaultApiKeySecret;

        Assert.True(new TwilioOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadSetting_FailsWithAMessageNamingIt(string scenario, Action<TwilioOptions> breakIt, string expected)
    {
        var options = Valid();
        breakIt(options);

        var result = new TwilioOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, scenario);
        Assert.Contains(result.Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ACa1b2c3d4e5f60718293a4b5c6d7e8f90", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsConfigured_AccountSidSetting_SwitchesTwilioOn(string? accountSid, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Twilio:AccountSid"] = accountSid })
            .Build();

        Assert.Equal(expected, TwilioOptions.IsConfigured(configuration));
    }
}
