using Twilio.Security;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with the SDK's <see cref="RequestValidator"/>, which signs the URL plus the form
/// fields sorted ordinally, tries the URL with and without its port, and compares in constant time. This class only
/// rebuilds the URL Twilio called (the configured <see cref="TwilioOptions.WebhookBaseUrl"/> + path + raw query) and
/// hands the SDK the fields. A form that repeats a key is refused: Twilio's messaging webhooks never send one and the
/// SDKs disagree on how to sign it.
/// </summary>
public sealed class TwilioSignatureValidator
{
    private readonly string _authToken;
    private readonly string? _webhookBaseUrl;

    /// <param name="authToken">The account's primary Auth Token (API key secrets do not sign webhooks).</param>
    /// <param name="webhookBaseUrl">The public root Twilio calls; needed only for <see cref="IsValidWebhook"/>.</param>
    public TwilioSignatureValidator(string authToken, string? webhookBaseUrl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        _authToken = authToken;
        _webhookBaseUrl = string.IsNullOrEmpty(webhookBaseUrl) ? null : webhookBaseUrl;
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs the webhook at <paramref name="path"/> with the raw
    /// <paramref name="query"/> (as received, still percent-encoded; with or without the leading <c>?</c>) and
    /// <paramref name="form"/> (decoded fields, empty ones included).
    /// </summary>
    public bool IsValidWebhook(string path, string? query, IEnumerable<KeyValuePair<string, string?>> form, string? signature)
    {
        var root = _webhookBaseUrl ?? throw new InvalidOperationException("Twilio:WebhookBaseUrl is not configured.");
        return IsValid(TwilioWebhooks.Url(root, path, query), form, signature);
    }

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="url"/> (or its port variant) and <paramref name="form"/>.</summary>
    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string?>> form, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrEmpty(signature) || signature.Length > 128 || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            if (!fields.TryAdd(key, value ?? string.Empty))
            {
                return false;
            }
        }

        // RequestValidator holds one HMAC instance that is not safe to share between threads: one per check.
        return new RequestValidator(_authToken).Validate(url, fields, signature);
    }
}
