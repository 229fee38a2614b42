using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reminders.Core.Sms;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Sms.Twilio;

/// <summary>
/// Finding 8 of the probe: the default HttpClient logging wrote the request URL, which carries the Account SID
/// (<c>/2010-04-01/Accounts/{AccountSid}/Messages.json</c>), at Information level.
/// </summary>
public sealed class TwilioLoggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_EveryLogLineAtTraceLevel_NeverContainsTheAccountSid()
    {
        await using var harness = await TwilioHarness.StartAsync();
        var capture = new CapturingProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));

        var result = await harness.Gateway(loggers: loggers).SendAsync(
            new OutboundSms(PhoneNumber.FromE164("+12125550123"), "Look up and smile at someone today.", "2026-03-01"), Ct);

        Assert.Equal(SmsSendOutcome.Accepted, result.Outcome);
        Assert.DoesNotContain(capture.Lines, line => line.Contains(harness.Options.AccountSid!, StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                owner.Lines.Enqueue(category + " scope " + state);
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue(category + " " + formatter(state, exception) + " " + exception);
        }
    }
}
