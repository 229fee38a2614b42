using System.Globalization;
using System.Text.Json.Serialization;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// The Message resource Twilio answers with (201 on create). Counts arrive as strings and dates as RFC 2822
/// text, as on the wire; the typed views parse them. Unknown fields are ignored.
/// </summary>
public sealed record TwilioMessage
{
    /// <summary><c>SM…</c> (SMS) or <c>MM…</c> (MMS).</summary>
    [JsonPropertyName("sid")]
    public string? Sid { get; init; }

    [JsonPropertyName("account_sid")]
    public string? AccountSid { get; init; }

    [JsonPropertyName("messaging_service_sid")]
    public string? MessagingServiceSid { get; init; }

    [JsonPropertyName("to")]
    public string? To { get; init; }

    /// <summary>May be null at create time when a Messaging Service picks the sender.</summary>
    [JsonPropertyName("from")]
    public string? From { get; init; }

    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary><c>queued</c>, <c>accepted</c>, <c>scheduled</c>, <c>sent</c>, <c>delivered</c>…</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Segment count as Twilio writes it (a string; <c>"0"</c> at create time with a Messaging Service).</summary>
    [JsonPropertyName("num_segments")]
    public string? NumSegments { get; init; }

    [JsonPropertyName("num_media")]
    public string? NumMedia { get; init; }

    [JsonPropertyName("direction")]
    public string? Direction { get; init; }

    /// <summary>Twilio error code for a failed message, else null.</summary>
    [JsonPropertyName("error_code")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? ErrorCode { get; init; }

    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; init; }

    /// <summary>RFC 2822 text, for example <c>Fri, 17 Jul 2026 14:00:01 +0000</c>.</summary>
    [JsonPropertyName("date_created")]
    public string? DateCreated { get; init; }

    [JsonPropertyName("date_sent")]
    public string? DateSent { get; init; }

    [JsonPropertyName("date_updated")]
    public string? DateUpdated { get; init; }

    [JsonPropertyName("price")]
    public string? Price { get; init; }

    [JsonPropertyName("price_unit")]
    public string? PriceUnit { get; init; }

    [JsonPropertyName("api_version")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("uri")]
    public string? Uri { get; init; }

    /// <summary><see cref="NumSegments"/> as a number, or null when missing or not a number.</summary>
    [JsonIgnore]
    public int? Segments =>
        int.TryParse(NumSegments, NumberStyles.None, CultureInfo.InvariantCulture, out var segments) ? segments : null;

    /// <summary><see cref="DateCreated"/> parsed, or null.</summary>
    [JsonIgnore]
    public DateTimeOffset? CreatedAt => Rfc2822.TryParse(DateCreated, out var at) ? at : null;
}
