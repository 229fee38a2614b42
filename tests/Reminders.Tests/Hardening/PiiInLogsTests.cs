using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reminders.Tests.Functions;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Hardening;

/// <summary>
/// The PII-in-logs check that ends every end-to-end run of <see cref="RemindersAppFactory"/> (and with it the SMS
/// harness over real HTTP) can fail: a full number, an admin key or a message body in any log line fails the run.
/// </summary>
public sealed class PiiInLogsTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Texting +12125550100 now")]
    [InlineData("key " + RemindersAppFactory.AdminKey)]
    public void AssertClean_LineWithNumberOrSecret_Fails(string text)
    {
        var logs = new CapturedLogs();
        logs.Lines.Enqueue((LogLevel.Debug, "Test", 1, text));

        Assert.ThrowsAny<Exception>(() => PiiLogCheck.AssertClean(logs, [RemindersAppFactory.AdminKey], null));
    }

    [Fact]
    public void AssertClean_MaskedNumbersAndOrdinaryLines_Pass()
    {
        var logs = new CapturedLogs();
        logs.Lines.Enqueue((LogLevel.Information, "Test", 1, "Sent nudge to +*******0100 via twilio: Accepted, 2026-06-10 13:30:00, 638850000000000000 ticks"));

        PiiLogCheck.AssertClean(logs, [RemindersAppFactory.AdminKey], null);
    }

    [Fact]
    public async Task EndToEndRun_AppLogsAnAdminKey_DisposingTheFactoryFails()
    {
        var app = new RemindersAppFactory(Start);
        using var client = app.CreateAdminClient();
        using (var health = await client.GetAsync("/api/health", TestContext.Current.CancellationToken))
        {
            Assert.True(health.IsSuccessStatusCode, health.StatusCode.ToString());
        }

        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Leaky").LogDebug("Authorised with {Key}", RemindersAppFactory.AdminKey);

        Assert.ThrowsAny<Exception>(app.Dispose);
    }
}
