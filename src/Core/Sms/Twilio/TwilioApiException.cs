using System.Net;

namespace Reminders.Core.Sms.Twilio;

/// <summary>Twilio answered with an error status (like the SDK's <c>ApiException</c>); the body is parsed when it is Twilio's JSON.</summary>
public sealed class TwilioApiException : Exception
{
    public TwilioApiException()
        : this("Twilio returned an error.")
    {
    }

    public TwilioApiException(string message)
        : base(message)
    {
    }

    public TwilioApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TwilioApiException(HttpStatusCode statusCode, TwilioError? error, TimeSpan? retryAfter)
        : base(Describe(statusCode, error))
    {
        StatusCode = statusCode;
        Error = error;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Twilio's error body, or null when the body was not Twilio JSON (a proxy page, an empty 503).</summary>
    public TwilioError? Error { get; }

    /// <summary>Twilio's error code, for example 21610.</summary>
    public int? Code => Error?.Code;

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(HttpStatusCode statusCode, TwilioError? error) =>
        error?.Code is { } code
            ? $"Twilio answered HTTP {(int)statusCode} with error {code}."
            : $"Twilio answered HTTP {(int)statusCode}.";
}
