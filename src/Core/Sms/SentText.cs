namespace Reminders.Core.Sms;

/// <summary>A text the gateway was asked to send: the message log entry it needs and the gateway's answer.</summary>
/// <param name="Message">What the message log records.</param>
/// <param name="Result">The gateway's answer.</param>
public sealed record SentText(OutboundMessage Message, SmsSendResult Result);
