using Microsoft.Extensions.Logging;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Sms;

/// <summary>The one path for outbound texts: sends through the configured gateway and records every text in the message log.</summary>
public sealed partial class MessageSender(ISmsGateway gateway, IMessageLog log, TimeProvider time, ILogger<MessageSender> logger)
{
    /// <summary>Sends <paramref name="body"/> to <paramref name="to"/> and records it as <paramref name="kind"/>.</summary>
    public async Task<SmsSendResult> SendAsync(
        PhoneNumber to,
        string body,
        string kind,
        string? deliveryKey,
        CancellationToken cancellationToken)
    {
        var result = await gateway.SendAsync(new OutboundSms(to, body, deliveryKey) { Kind = kind }, cancellationToken);
        await log.AppendAsync(
            new OutboundMessage(to, time.GetUtcNow(), kind, body, gateway.Name, result.Outcome, result.MessageId),
            CancellationToken.None);
        // A nudge is one of many in a batch, whose summary line counts it: its own line is Debug. Other texts stay Information.
        LogSent(kind == OutboundMessageKinds.Nudge ? LogLevel.Debug : LogLevel.Information, kind, to.Masked, gateway.Name, result.Outcome, result.ErrorCode);
        return result;
    }

    /// <summary>Records a text that went out another way (a TwiML reply to an inbound SMS).</summary>
    public Task RecordReplyAsync(PhoneNumber to, string body, CancellationToken cancellationToken) =>
        log.AppendAsync(
            new OutboundMessage(to, time.GetUtcNow(), OutboundMessageKinds.Reply, body, "twiml", SmsSendOutcome.Accepted, null),
            cancellationToken);

    [LoggerMessage(EventId = 2001, Message = "Sent {Kind} to {Phone} via {Gateway}: {Outcome} {ErrorCode}")]
    private partial void LogSent(LogLevel level, string kind, string phone, string gateway, SmsSendOutcome outcome, int? errorCode);
}
