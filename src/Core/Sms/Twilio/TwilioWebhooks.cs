using Reminders.Core.Subscribers;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// The webhook routes Twilio calls and how their URLs are written. The status callback URL carries the
/// recipient and the delivery key in its query, so the callback finds the delivery without a lookup by SID.
/// The same text is what Twilio signs, so build it only here.
/// </summary>
public static class TwilioWebhooks
{
    /// <summary>Inbound SMS (replies to the service).</summary>
    public const string InboundPath = "/api/sms/inbound";

    /// <summary>Delivery status callbacks.</summary>
    public const string StatusPath = "/api/sms/status";

    /// <summary>Query key holding the recipient's E.164 number.</summary>
    public const string PhoneQueryKey = "phone";

    /// <summary>Query key holding the delivery key (<c>yyyy-MM-dd</c> or with an extra-send suffix).</summary>
    public const string DeliveryQueryKey = "delivery";

    /// <summary>The header carrying Twilio's signature.</summary>
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>
    /// <c>{webhookBaseUrl}/api/sms/status?phone=%2B1...&amp;delivery=2026-03-01</c>; the delivery part only when
    /// <paramref name="deliveryKey"/> is given. Values are percent-encoded (<c>+</c> becomes <c>%2B</c>).
    /// </summary>
    public static string StatusCallbackUrl(string webhookBaseUrl, PhoneNumber phone, string? deliveryKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookBaseUrl);
        ArgumentNullException.ThrowIfNull(phone);
        var query = PhoneQueryKey + "=" + Uri.EscapeDataString(phone.Value);
        if (!string.IsNullOrEmpty(deliveryKey))
        {
            query += "&" + DeliveryQueryKey + "=" + Uri.EscapeDataString(deliveryKey);
        }

        return Url(webhookBaseUrl, StatusPath, query);
    }

    /// <summary>
    /// The URL Twilio called: <paramref name="webhookBaseUrl"/> + <paramref name="path"/> + the raw (still
    /// percent-encoded) <paramref name="query"/>, which may start with <c>?</c> or not, or be empty.
    /// </summary>
    public static string Url(string webhookBaseUrl, string path, string? query)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookBaseUrl);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var url = webhookBaseUrl.TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path);
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return url;
        }

        return url + (query.StartsWith('?') ? query : "?" + query);
    }
}
