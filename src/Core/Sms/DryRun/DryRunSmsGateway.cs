using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Reminders.Core.Sms.DryRun;

/// <summary>
/// The gateway used when no SMS provider is configured: sends nothing, prints a one-line summary with the
/// masked number, and accepts every message with a made-up id (the message log keeps the text).
/// </summary>
public sealed partial class DryRunSmsGateway(ILogger<DryRunSmsGateway> logger) : ISmsGateway
{
    private long _sequence;

    public string Name => "dry-run";

    public Task<SmsSendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var id = "DRY" + Interlocked.Increment(ref _sequence).ToString("D8", CultureInfo.InvariantCulture);
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogWouldSend(message.To.Masked, message.Body.Length, Summary(message.Body));
        }

        return Task.FromResult(new SmsSendResult(SmsSendOutcome.Accepted, id, "dry-run", null, null));
    }

    private static string Summary(string body) => body.Length <= 60 ? body : string.Concat(body.AsSpan(0, 57), "...");

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "[dry-run] SMS to {Phone} ({Length} chars): {Summary}")]
    private partial void LogWouldSend(string phone, int length, string summary);
}
