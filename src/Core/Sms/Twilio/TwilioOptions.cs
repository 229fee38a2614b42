namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// How to reach Twilio and how Twilio reaches us. Section <c>Twilio</c>; checked at start-up by
/// <see cref="TwilioOptionsValidator"/>. The integration is switched on by setting <see cref="AccountSid"/>.
/// </summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The account (<c>AC</c> + 32 hex digits). Always part of the REST path, even with an API key.</summary>
    public string? AccountSid { get; set; }

    /// <summary>
    /// The primary Auth Token. Twilio signs webhooks with it (never with an API key secret), so it is required
    /// whenever <see cref="WebhookBaseUrl"/> is set; it also authenticates REST calls when no API key is configured.
    /// </summary>
    public string? AuthToken { get; set; }

    /// <summary>API key (<c>SK</c> + 32 hex digits) for REST calls; Twilio's recommended production credential.</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>The secret of <see cref="ApiKeySid"/>.</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>Sender number (E.164), short code or alphanumeric id. Exactly one of this and <see cref="MessagingServiceSid"/>.</summary>
    public string? From { get; set; }

    /// <summary>Messaging Service (<c>MG</c> + 32 hex digits) that picks the sender. Exactly one of this and <see cref="From"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>REST API root. Default <c>https://api.twilio.com</c>; tests point it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>
    /// The public root Twilio calls for webhooks, exactly as Twilio sees it (scheme, host, optional port and path
    /// prefix, no query), for example <c>https://nudge.example.com</c>. Signatures are checked against this text
    /// plus the path and query, so it must match the URLs configured in the Twilio console character for
    /// character. When empty, outbound texts carry no <c>StatusCallback</c>.
    /// </summary>
    public string? WebhookBaseUrl { get; set; }

    /// <summary>
    /// How long Twilio may hold a text in its queue before dropping it (error 30036), so a nudge never arrives
    /// hours late. Whole seconds, 1 s to 10 h (Twilio's limits). Default 2 h.
    /// </summary>
    public TimeSpan ValidityPeriod { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// The whole create-message call, measured on the injected clock. When it runs out after the request was
    /// sent, the outcome is unknown and the text is not retried. 1 s to 2 min; default 15 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Limit for opening the TCP/TLS connection. A connection that was never opened carried no request, so this
    /// failure is retried. Shorter than <see cref="RequestTimeout"/>; default 5 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries per text when Twilio certainly did not create it (429, 503, no connection). 1 to 6; default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First retry delay; doubles per retry with ±20 % jitter. 0 to 30 s; default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest single retry wait, including a server's <c>Retry-After</c>; a longer <c>Retry-After</c> ends the
    /// retries instead of stalling a batch. Default 10 s.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the REST calls use the API key pair rather than the Auth Token.</summary>
    public bool UsesApiKey => !string.IsNullOrEmpty(ApiKeySid);

    /// <summary>Whether the <c>Twilio</c> section switches the integration on (an account SID is set).</summary>
    public static bool IsConfigured(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[SectionName + ":" + nameof(AccountSid)]);
    }
}
