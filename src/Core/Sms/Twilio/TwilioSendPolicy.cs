using System.Net;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// What a failed <c>MessageResource.CreateAsync</c> call means. Create Message has no idempotency key, so a retry is safe only when
/// Twilio certainly did not create the message:
/// <list type="bullet">
/// <item>no connection was made (refused, DNS, TLS, connect timeout): retried;</item>
/// <item>429 / 20429: Twilio documents it as "never processed and always safe to retry": retried;</item>
/// <item>503: the front end refused the request before it was accepted: retried;</item>
/// <item>500, 502, 504 and any other 5xx: NOT retried, outcome unknown. A 500 can be raised after the message was
/// stored, and 502/504 come from a gateway that may have forwarded the request to a backend that created it. One
/// missed nudge is better than two;</item>
/// <item>a timeout or a connection that broke after the request was sent: NOT retried, outcome unknown;</item>
/// <item>400 21611 (sender queue full): certainly not created, but retrying within seconds cannot help: failed;</item>
/// <item>any other 4xx (21610 opted out, 21211 invalid number, 21614 not mobile, 20003 bad credentials...):
/// rejected with the code, not retried.</item>
/// </list>
/// </summary>
public static class TwilioSendPolicy
{
    /// <summary>Twilio's code for "too many concurrent requests".</summary>
    public const int TooManyRequestsCode = 20429;

    /// <summary>Twilio's code for "'From' number exceeded max queued messages".</summary>
    public const int QueueFullCode = 21611;

    /// <summary>
    /// Classifies an error answer: <paramref name="status"/> is the HTTP status (from the SDK's
    /// <c>ApiException.Status</c>, or the status seen on the wire when Twilio sent no JSON body) and
    /// <paramref name="code"/> Twilio's error code (<c>ApiException.Code</c>), when there is one.
    /// </summary>
    public static TwilioFailureVerdict Classify(int status, int? code) => status switch
    {
        (int)HttpStatusCode.TooManyRequests => TwilioFailureVerdict.Retry,
        _ when code == TooManyRequestsCode => TwilioFailureVerdict.Retry,
        (int)HttpStatusCode.ServiceUnavailable => TwilioFailureVerdict.Retry,
        >= 500 => TwilioFailureVerdict.Unknown,
        >= 400 when code == QueueFullCode => TwilioFailureVerdict.Failed,
        >= 400 => TwilioFailureVerdict.Rejected,
        _ => TwilioFailureVerdict.Unknown,
    };

    /// <summary>Classifies a call that got no readable answer: retried only when the request never left.</summary>
    public static TwilioFailureVerdict Classify(TwilioTransportFailure failure) =>
        failure == TwilioTransportFailure.NotSent ? TwilioFailureVerdict.Retry : TwilioFailureVerdict.Unknown;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1 for the first retry): the base delay doubled per
    /// retry, spread by ±20 % with <paramref name="jitter"/> in [0, 1), capped at <paramref name="maxDelay"/>, and
    /// never shorter than the server's <paramref name="retryAfter"/>. Null means the server asked for a longer wait
    /// than <paramref name="maxDelay"/>, so the caller should stop retrying.
    /// </summary>
    public static TimeSpan? RetryDelay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (retryAfter > maxDelay)
        {
            return null;
        }

        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 16));
        var spread = exponential * (0.8 + (0.4 * Math.Clamp(jitter, 0, 1)));
        var delay = TimeSpan.FromMilliseconds(Math.Min(spread, maxDelay.TotalMilliseconds));
        return retryAfter > delay ? retryAfter : delay;
    }
}

/// <summary>What to do about a failed create-message call.</summary>
public enum TwilioFailureVerdict
{
    /// <summary>Twilio certainly did not create the message; try again after a pause.</summary>
    Retry,

    /// <summary>Refused for a reason that retrying will not change.</summary>
    Rejected,

    /// <summary>Certainly not created, and not worth retrying now.</summary>
    Failed,

    /// <summary>The message may exist; never retry.</summary>
    Unknown,
}
