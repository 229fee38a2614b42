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
        var sent = await SendUnrecordedAsync(to, body, kind, deliveryKey, cancellationToken);
        await RecordAsync(sent, CancellationToken.None);
        return sent.Result;
    }

    /// <summary>
    /// Sends without recording yet: the caller must pass what this returns to <see cref="RecordAsync"/> (the batch sender
    /// records a nudge together with the send's other writes, in one store transaction).
    /// </summary>
    public async Task<SentText> SendUnrecordedAsync(
        PhoneNumber to,
        string body,
        string kind,
        string? deliveryKey,
        CancellationToken cancellationToken)
    {
        var result = await gateway.SendAsync(new OutboundSms(to, body, deliveryKey) { Kind = kind }, cancellationToken);
        return new SentText(new OutboundMessage(to, time.GetUtcNow(), kind, body, gateway.Name, result.Outcome, result.MessageId), result);
    }

    /// <summary>Records a text <see cref="SendUnrecordedAsync"/> sent in the message log.</summary>
    public async Task RecordAsync(SentText sent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var message = sent.Message;
        await log.AppendAsync(message, cancellationToken);
        // A nudge is one of many in a batch, whose summary line counts it: its own line is Debug. Other texts stay Information.
        LogSent(
            message.Kind == OutboundMessageKinds.Nudge ? LogLevel.Debug : LogLevel.Information,
            message.Kind,
            message.Phone.Masked,
            message.Gateway,
            message.Outcome,
            sent.Result.ErrorCode);
    }

    /// <summary>Records a text that went out another way (a TwiML reply to an inbound SMS).</summary>
    public Task RecordReplyAsync(PhoneNumber to, string body, CancellationToken cancellationToken) =>
        log.AppendAsync(
            new OutboundMessage(to, time.GetUtcNow(), OutboundMessageKinds.Reply, body, "twiml", SmsSendOutcome.Accepted, null),
            cancellationToken);

    [LoggerMessage(EventId = 2001, Message = "Sent {Kind} to {Phone} via {Gateway}: {Outcome} {ErrorCode}")]
    private partial void LogSent(LogLevel level, string kind, string phone, string gateway, SmsSendOutcome outcome, int? errorCode);
}
