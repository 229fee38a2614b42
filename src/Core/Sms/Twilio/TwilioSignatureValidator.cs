using System.Security.Cryptography;
using System.Text;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> on form-encoded webhooks: Base64(HMAC-SHA1(auth token, URL + each form field's
/// name and value, fields sorted by name in ordinal order)). The URL is the one Twilio called, which we rebuild from
/// the configured <see cref="TwilioOptions.WebhookBaseUrl"/> plus the path and raw query; like the official
/// validators we also accept it with the port removed, or with the scheme's default port added. Repeated form keys
/// follow the Python and Node SDKs (each distinct value, sorted). The comparison takes constant time.
/// </summary>
public sealed class TwilioSignatureValidator
{
    private readonly byte[] _key;
    private readonly string? _webhookBaseUrl;

    /// <param name="authToken">The account's primary Auth Token (API key secrets do not sign webhooks).</param>
    /// <param name="webhookBaseUrl">The public root Twilio calls; needed only for <see cref="IsValidWebhook"/>.</param>
    public TwilioSignatureValidator(string authToken, string? webhookBaseUrl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        _key = Encoding.UTF8.GetBytes(authToken);
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

    /// <summary>Whether <paramref name="signature"/> signs <paramref name="url"/> (or one of its port variants) and <paramref name="form"/>.</summary>
    public bool IsValid(string url, IEnumerable<KeyValuePair<string, string?>> form, string? signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrEmpty(signature) || signature.Length > 128)
        {
            return false;
        }

        var provided = Encoding.UTF8.GetBytes(signature);
        var fields = FieldText(form);
        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            var expected = Encoding.ASCII.GetBytes(Sign(candidate + fields));
            valid |= CryptographicOperations.FixedTimeEquals(expected, provided);
        }

        return valid;
    }

    /// <summary>The signature Twilio would send for exactly <paramref name="url"/> and <paramref name="form"/>.</summary>
    public string ComputeSignature(string url, IEnumerable<KeyValuePair<string, string?>> form)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentNullException.ThrowIfNull(form);
        return Sign(url + FieldText(form));
    }

    /// <summary>
    /// <paramref name="url"/> as given, then the variant the SDKs also try: without the explicit port when it has
    /// one, with the scheme's default port (:443 for https, :80 for http) when it has none. Text is kept as is.
    /// </summary>
    internal static IReadOnlyList<string> UrlVariants(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return [url];
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var hostStart = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) + 1;
        hostStart = Math.Max(hostStart, authorityStart);
        var host = url.AsSpan(hostStart, authorityEnd - hostStart);
        var colon = host.LastIndexOf(':');
        var hasPort = colon >= 0 && colon > host.LastIndexOf(']');
        if (hasPort)
        {
            return [url, string.Concat(url.AsSpan(0, hostStart + colon), url.AsSpan(authorityEnd))];
        }

        var scheme = url[..schemeEnd];
        var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? ":443"
            : scheme.Equals("http", StringComparison.OrdinalIgnoreCase) ? ":80"
            : null;
        return defaultPort is null ? [url] : [url, url.Insert(authorityEnd, defaultPort)];
    }

    private static string FieldText(IEnumerable<KeyValuePair<string, string?>> form)
    {
        var text = new StringBuilder();
        foreach (var field in form
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            foreach (var value in field.Select(pair => pair.Value ?? string.Empty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                text.Append(field.Key).Append(value);
            }
        }

        return text.ToString();
    }

    // Twilio's webhook protocol is defined with HMAC-SHA1; we cannot choose another algorithm.
#pragma warning disable CA5350
    private string Sign(string data) => Convert.ToBase64String(HMACSHA1.HashData(_key, Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350
}
