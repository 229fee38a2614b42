using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Sms.Twilio;

/// <summary>
/// Finding 6 of the probe: signup confirmations shared the one pacer with the daily nudges, so 30 signups delayed the
/// day's sends. Confirmations now have their own budget (<c>Delivery:ConfirmationMessagesPerSecond</c>).
/// </summary>
public sealed class SendPacersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gateway_BurstOfConfirmationsWaitingForTheirPacer_ANudgeGoesOutAtOnce()
    {
        // Both budgets at 1 text a second, on a clock that never moves: whatever must wait for a slot stays waiting.
        await using var h = await TwilioHarness.StartAsync(messagesPerSecond: 1);
        var gateway = h.Gateway();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var confirmations = Enumerable.Range(0, 30)
            .Select(i => gateway.SendAsync(Sms($"+1555100{i:0000}", OutboundMessageKinds.Confirmation), stop.Token))
            .ToList();
        // Behind 30 confirmations on a shared pacer the nudge would wait 30 s for its slot, on a clock that never moves.
        var nudgeWaitsBehindThem = h.Clock.WaitForTimerAsync(delay => delay >= TimeSpan.FromSeconds(30), Ct);
        var nudge = gateway.SendAsync(Sms("+15552000001", OutboundMessageKinds.Nudge), Ct);

        Assert.Same(nudge, await Task.WhenAny(nudge, nudgeWaitsBehindThem));
        Assert.Equal(SmsSendOutcome.Accepted, (await nudge).Outcome);
        await confirmations[0];
        Assert.Equal(29, confirmations.Count(t => !t.IsCompleted));
        Assert.Equal(["+15551000000", "+15552000001"], h.Fake.Messages.Select(m => m.To).Order(StringComparer.Ordinal));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(confirmations));
    }

    [Fact]
    public void Pacers_ConfirmationsTakeNoSlotFromTheNudges_AndEachRunsAtItsOwnRate()
    {
        using var provider = Provider(new() { ["Delivery:MaxMessagesPerSecond"] = "5", ["Delivery:ConfirmationMessagesPerSecond"] = "2" });
        var pacers = provider.GetRequiredService<SendPacers>();

        for (var i = 0; i < 30; i++)
        {
            pacers.For(OutboundMessageKinds.Confirmation).Reserve(1);
        }

        Assert.Same(provider.GetRequiredService<SendPacer>(), pacers.Nudges);
        Assert.NotSame(pacers.Nudges, pacers.Confirmations);
        Assert.Same(pacers.Nudges, pacers.For(OutboundMessageKinds.Nudge));
        Assert.Same(pacers.Nudges, pacers.For(OutboundMessageKinds.Extra));
        Assert.Equal(TimeSpan.Zero, pacers.Nudges.Reserve(1));
        Assert.Equal((TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)), (pacers.Nudges.Interval, pacers.Confirmations.Interval));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.05")]
    [InlineData("1001")]
    public void ConfirmationMessagesPerSecond_OutOfRange_FailsValidation(string value)
    {
        using var provider = Provider(new() { ["Delivery:ConfirmationMessagesPerSecond"] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeliveryOptions>>().Value);
        Assert.Contains("ConfirmationMessagesPerSecond", failure.Message, StringComparison.Ordinal);
    }

    private static OutboundSms Sms(string to, string kind) => new(PhoneNumber.FromE164(to), "Reply YES to start.") { Kind = kind };

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        Core.CoreServiceCollectionExtensions.AddRemindersCore(services, configuration);
        services.AddTwilio(configuration);
        return services.BuildServiceProvider();
    }
}
