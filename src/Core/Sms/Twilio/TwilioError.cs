using System.Text.Json.Serialization;

namespace Reminders.Core.Sms.Twilio;

/// <summary>The 2010 API error body: <c>{"code":21211,"message":"…","more_info":"https://…","status":400}</c>.</summary>
public sealed record TwilioError
{
    /// <summary>Twilio error code, for example 21610 (opted out) or 20429 (too many requests).</summary>
    [JsonPropertyName("code")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Code { get; init; }

    /// <summary>Human text; may contain the phone number, so mask before logging.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("more_info")]
    public string? MoreInfo { get; init; }

    /// <summary>The HTTP status, repeated in the body.</summary>
    [JsonPropertyName("status")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Status { get; init; }
}
