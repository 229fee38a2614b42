using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.Twilio;

public sealed class TwilioServiceCollectionExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(string apiBaseUrl) => new()
    {
        ["Twilio:AccountSid"] = FakeTwilioServer.DefaultAccountSid,
        ["Twilio:AuthToken"] = FakeTwilioServer.DefaultAuthToken,
        ["Twilio:From"] = FakeTwilioServer.DefaultFrom,
        ["Twilio:ApiBaseUrl"] = apiBaseUrl,
        ["Twilio:WebhookBaseUrl"] = "https://nudge.example.com",
        ["Twilio:ValidityPeriod"] = "01:00:00",
        ["Delivery:MaxMessagesPerSecond"] = "5",
    };

    [Fact]
    public async Task AddTwilio_ValidSettings_GatewaySendsThroughTheTypedClientToTheFake()
    {
        await using var fake = await FakeTwilioServer.StartAsync(Ct);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TwilioHarness.Start));
        services.AddTwilio(new ConfigurationBuilder().AddInMemoryCollection(Settings(fake.BaseUrl)).Build());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var gateway = provider.GetRequiredService<ISmsGateway>();
        var result = await gateway.SendAsync(new OutboundSms(PhoneNumber.FromE164("+15551230123"), "Hello", "2026-03-01"), Ct);

        Assert.IsType<TwilioSmsGateway>(gateway);
        Assert.Equal(SmsSendOutcome.Accepted, result.Outcome);
        Assert.Equal("3600", Assert.Single(fake.Messages).ValidityPeriod);
        Assert.Same(provider.GetRequiredService<SendPacer>(), provider.GetRequiredService<SendPacer>());
        Assert.Equal(TimeSpan.FromMilliseconds(200), provider.GetRequiredService<SendPacer>().Interval);
    }

    [Fact]
    public async Task AddTwilio_ValidSettings_SignatureValidatorUsesTokenAndWebhookBaseUrl()
    {
        var services = new ServiceCollection();
        services.AddTwilio(new ConfigurationBuilder().AddInMemoryCollection(Settings("https://api.twilio.com")).Build());
        await using var provider = services.BuildServiceProvider();
        await using var fake = await FakeTwilioServer.StartAsync(Ct);
        var webhook = fake.Inbound("https://nudge.example.com", "+15551230123", "HELP");

        var validator = provider.GetRequiredService<TwilioSignatureValidator>();

        Assert.True(validator.IsValidWebhook(
            webhook.Url.AbsolutePath, webhook.Url.Query, webhook.Form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), webhook.Signature));
    }

    [Fact]
    public async Task AddTwilio_OnItsOwnWithPaceOutOfRange_DeliveryFailsValidationNamingTheSetting()
    {
        var settings = Settings("https://api.twilio.com");
        settings["Delivery:MaxMessagesPerSecond"] = "10001";
        var services = new ServiceCollection();
        services.AddTwilio(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.Contains(nameof(DeliveryOptions.MaxMessagesPerSecond), Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTwilio_InvalidSettings_HostFailsToStartNamingEveryProblem()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = "AC123",
            ["Twilio:From"] = FakeTwilioServer.DefaultFrom,
            ["Twilio:MessagingServiceSid"] = FakeTwilioServer.DefaultMessagingServiceSid,
        });
        builder.Services.AddTwilio(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Twilio:AccountSid must be 'AC' followed by 32", error.Message, StringComparison.Ordinal);
        Assert.Contains("Set Twilio:AuthToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("exactly one of Twilio:From and Twilio:MessagingServiceSid", error.Message, StringComparison.Ordinal);
    }
}
