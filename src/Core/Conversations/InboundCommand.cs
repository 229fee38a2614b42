namespace Reminders.Core.Conversations;

/// <summary>
/// What an inbound text asks for, as read by <see cref="InboundCommandParser"/>. <see cref="Keyword"/> is what was
/// recognised (upper case, at most 60 characters), for the consent log.
/// </summary>
/// <param name="Keyword">The keyword or phrase received.</param>
public abstract record InboundCommand(string Keyword)
{
    /// <summary>
    /// Twilio's Advanced Opt-Out recognised the keyword (<c>OptOutType</c> was sent), so Twilio has already applied
    /// it to its own block list and sent its own auto-reply; answer with an empty TwiML response to avoid a double reply.
    /// </summary>
    public bool HandledByTwilio { get; init; }
}

/// <summary>Opt out now: a STOP-family keyword, Twilio's <c>OptOutType=STOP</c>, or a clear phrase ("stop texting me").</summary>
public sealed record StopCommand(string Keyword) : InboundCommand(Keyword);

/// <summary>START, YES, UNSTOP, JOIN or <c>OptOutType=START</c>: confirm a pending signup, re-activate, or subscribe a new handset.</summary>
public sealed record StartCommand(string Keyword) : InboundCommand(Keyword);

/// <summary>HELP, INFO or <c>OptOutType=HELP</c>.</summary>
public sealed record HelpCommand(string Keyword) : InboundCommand(Keyword);

/// <summary>PAUSE [days]: no texts for <see cref="Days"/> local days (already clamped to 1..30).</summary>
public sealed record PauseCommand(string Keyword, int Days) : InboundCommand(Keyword);

/// <summary>RESUME: end a pause.</summary>
public sealed record ResumeCommand(string Keyword) : InboundCommand(Keyword);

/// <summary>TIME &lt;time&gt;: change the local send time. <see cref="At"/> is null when no valid time followed the keyword.</summary>
public sealed record TimeCommand(string Keyword, TimeOnly? At) : InboundCommand(Keyword);

/// <summary>
/// ZONE &lt;zone&gt;: change the time zone. <see cref="TimeZoneId"/> is the IANA id, or null when the zone was missing
/// or not recognised.
/// </summary>
public sealed record ZoneCommand(string Keyword, string? TimeZoneId) : InboundCommand(Keyword);

/// <summary>PETS, NO PETS, KIDS, NO KIDS, PARTNER, NO PARTNER: whether <see cref="Who"/> is in the subscriber's life.</summary>
public sealed record HouseholdCommand(string Keyword, Subscribers.Household Who, bool Has) : InboundCommand(Keyword);

/// <summary>DONE: today's habit was done.</summary>
public sealed record DoneCommand(string Keyword) : InboundCommand(Keyword);

/// <summary>MORE: one extra prompt.</summary>
public sealed record MoreCommand(string Keyword) : InboundCommand(Keyword);

/// <summary>WHY: the science line behind today's prompt.</summary>
public sealed record WhyCommand(string Keyword) : InboundCommand(Keyword);

/// <summary>A sentence with a stop word that may not mean "stop" ("I can't stop smiling"): answer "Reply STOP to unsubscribe".</summary>
public sealed record AmbiguousStopCommand(string Keyword) : InboundCommand(Keyword);

/// <summary>Anything else.</summary>
public sealed record UnknownCommand(string Keyword) : InboundCommand(Keyword);
