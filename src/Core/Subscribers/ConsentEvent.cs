namespace Reminders.Core.Subscribers;

/// <summary>An append-only record of a consent-relevant change (opt-in, confirmation, pause, opt-out...).</summary>
/// <param name="Phone">Whose consent changed.</param>
/// <param name="At">When.</param>
/// <param name="Kind">What happened, one of <see cref="ConsentEventKinds"/>.</param>
/// <param name="Source">Who or what caused it, one of <see cref="ConsentSources"/>.</param>
/// <param name="Detail">Keyword received, admin name, error code, client IP...; never a secret.</param>
/// <param name="MessageSid">The Twilio message SID when an SMS caused it.</param>
public sealed record ConsentEvent(
    PhoneNumber Phone,
    DateTimeOffset At,
    string Kind,
    string Source,
    string? Detail,
    string? MessageSid = null);

/// <summary>Kinds of <see cref="ConsentEvent"/>.</summary>
public static class ConsentEventKinds
{
    public const string SignedUp = "signed-up";
    public const string Confirmed = "confirmed";
    public const string Activated = "activated";
    public const string Paused = "paused";
    public const string Resumed = "resumed";
    public const string Stopped = "stopped";
    public const string Bounced = "bounced";
    public const string Erased = "erased";
}

/// <summary>Sources of a <see cref="ConsentEvent"/>.</summary>
public static class ConsentSources
{
    public const string Api = "api";
    public const string Sms = "sms";
    public const string Admin = "admin";
    public const string System = "system";
    public const string Carrier = "carrier";
}
