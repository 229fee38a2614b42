using Reminders.Core.Subscribers;

namespace Reminders.Core.Conversations;

/// <summary>An inbound text as Twilio posted it, after its signature and fields were checked.</summary>
/// <param name="From">The sender.</param>
/// <param name="Body">The whole text (may be empty).</param>
/// <param name="OptOutType">Twilio's <c>OptOutType</c> (STOP, START, HELP) when Advanced Opt-Out recognised a keyword.</param>
/// <param name="MessageSid">Twilio's id of the inbound message; a retried webhook carries the same one.</param>
public sealed record InboundSms(PhoneNumber From, string Body, string? OptOutType, string MessageSid);

/// <summary>What to answer an inbound text with.</summary>
/// <param name="Reply">The reply text, or null for an empty TwiML response.</param>
/// <param name="Replayed">True when the MessageSid was seen before: the reply is the one given then and nothing was applied again.</param>
public sealed record ConversationResult(string? Reply, bool Replayed);

/// <summary>One inbound text being applied: the message, what it asks, the sender's record (if any) and the instant.</summary>
public sealed record ConversationContext(InboundSms Sms, InboundCommand Command, Subscriber? Subscriber, DateTimeOffset Now)
{
    public PhoneNumber Phone => Sms.From;

    /// <summary>Where the change came from, for the consent log: the keyword received.</summary>
    public string Keyword => Command.Keyword.Length > 0 ? Command.Keyword : "(empty)";
}

/// <summary>The daily markers conversations use in <see cref="Storage.IInboundLog"/>.</summary>
internal static class ConversationMarkers
{
    /// <summary>The short help answer to text the service did not understand (at most one a day).</summary>
    public const string Help = "help";

    /// <summary>The answer to a sentence that mentions a stop word but may not mean it (at most one a day).</summary>
    public const string Ambiguous = "ambiguous";

    /// <summary>A DONE counted for the day (at most one a day).</summary>
    public const string Done = "done";
}
