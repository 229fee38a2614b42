using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Sms.DryRun;
using Reminders.Core.Sms.Twilio;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms;

/// <summary>What <c>AddRemindersCore</c> picks for SMS: Twilio when configured, dry-run otherwise; and the GSM-7 brand check.</summary>
public sealed class CoreCompositionTests
{
    [Fact]
    public async Task AddRemindersCore_TwilioAccountSidSet_RegistersTheTwilioGateway()
    {
        await using var provider = Build(TwilioSettings());

        Assert.IsType<TwilioSmsGateway>(provider.GetRequiredService<ISmsGateway>());
    }

    [Fact]
    public async Task AddRemindersCore_NoTwilioSettings_RegistersTheDryRunGateway()
    {
        await using var provider = Build([]);

        Assert.IsType<DryRunSmsGateway>(provider.GetRequiredService<ISmsGateway>());
        Assert.Null(provider.GetService<TwilioSignatureValidator>());
    }

    [Fact]
    public async Task AddRemindersCore_TwilioPartlyConfigured_FailsAtStartWithTheSettingToFix()
    {
        await using var provider = Build(new() { ["Twilio:AccountSid"] = FakeTwilioServer.DefaultAccountSid });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TwilioOptions>>().Value);
        Assert.Contains("Twilio:From", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Closer\u2019s")]
    [InlineData("Hugs \U0001F917")]
    public async Task AddRemindersCore_ProgramNameNotGsm7_FailsAtStart(string name)
    {
        await using var provider = Build(new() { ["Program:Name"] = name });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProgramOptions>>().Value);
        Assert.Contains("GSM-7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRemindersCore_ProgramNameGsm7_Accepted()
    {
        await using var provider = Build(new() { ["Program:Name"] = "Hug & Co" });

        Assert.Equal("Hug & Co", provider.GetRequiredService<IOptions<ProgramOptions>>().Value.Name);
    }

    [Fact]
    public async Task AddRemindersCore_TwilioConfiguredAndPaceOutOfRange_OneFailureForTheSetting()
    {
        var settings = TwilioSettings();
        settings["Delivery:MaxMessagesPerSecond"] = "10001";
        await using var provider = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        // One validator for the attributes, though both AddRemindersCore and AddTwilio register Delivery.
        Assert.Single(error.Failures, f => f.Contains(nameof(DeliveryOptions.MaxMessagesPerSecond), StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> TwilioSettings() => new()
    {
        ["Twilio:AccountSid"] = FakeTwilioServer.DefaultAccountSid,
        ["Twilio:AuthToken"] = FakeTwilioServer.DefaultAuthToken,
        ["Twilio:From"] = FakeTwilioServer.DefaultFrom,
    };

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:SqlitePath"] = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"), "unused.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRemindersCore(configuration);
        return services.BuildServiceProvider();
    }
}
