using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Scheduling;

namespace Reminders.Tests.Conversations;

/// <summary>Start-up validation of <c>Program</c> and of the quiet hours in <c>Delivery</c>.</summary>
public sealed class ProgramOptionsTests
{
    [Fact]
    public void Program_TwilioConfiguredWithoutSupportContact_FailsNamingTheSetting()
    {
        using var provider = Build(new() { ["Twilio:AccountSid"] = "AC" + new string('a', 32) });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProgramOptions>>().Value);

        Assert.Contains("Program:SupportContact", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Program_TwilioConfiguredWithSupportContact_IsValid()
    {
        using var provider = Build(new() { ["Twilio:AccountSid"] = "AC" + new string('a', 32), ["Program:SupportContact"] = "help@example.org" });

        Assert.Equal("help@example.org", provider.GetRequiredService<IOptions<ProgramOptions>>().Value.SupportContact);
    }

    [Fact]
    public void Program_NoTwilioNoContact_IsValid()
    {
        using var provider = Build([]);

        Assert.Null(provider.GetRequiredService<IOptions<ProgramOptions>>().Value.SupportContact);
    }

    [Theory]
    [InlineData("Twenty-one characters")]
    [InlineData("A much longer program name")]
    public void Program_NameLongerThan20_Fails(string name)
    {
        using var provider = Build(new() { ["Program:Name"] = name });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProgramOptions>>().Value);
    }

    [Fact]
    public void Program_ContactLongerThan30_Fails()
    {
        using var provider = Build(new() { ["Program:SupportContact"] = new string('c', 31) });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProgramOptions>>().Value);
    }

    [Theory]
    [InlineData("07:00", "20:00")]
    [InlineData("08:00", "21:30")]
    [InlineData("06:30", "22:00")]
    public void Delivery_QuietHoursOutside8To21_Fails(string start, string end)
    {
        using var provider = Build(new() { ["Delivery:QuietHoursStart"] = start, ["Delivery:QuietHoursEnd"] = end });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);

        Assert.Contains("08:00-21:00", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("08:00", "21:00")]
    [InlineData("09:00", "20:00")]
    public void Delivery_QuietHoursWithin8To21_IsValid(string start, string end)
    {
        using var provider = Build(new() { ["Delivery:QuietHoursStart"] = start, ["Delivery:QuietHoursEnd"] = end });

        Assert.Equal(TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), provider.GetRequiredService<IOptions<DeliveryOptions>>().Value.QuietHoursStart);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRemindersCore(configuration);
        return services.BuildServiceProvider();
    }
}
