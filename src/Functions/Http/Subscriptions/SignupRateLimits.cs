using System.Net;
using System.Globalization;
using Reminders.Core.Subscribers;
using Reminders.Functions.Hosting;

namespace Reminders.Functions.Http.Subscriptions;

/// <summary>
/// Every signup costs a text, so the public endpoint is limited (SMS pumping guard) by <see cref="SignupLimits"/>,
/// whose counters live in the store and so hold across instances: <c>Signup:MaxPerAddressPerHour</c> per client
/// address (IPv6 by /64) and <c>Signup:MaxPerMinute</c> from everyone. This class only finds the client address:
/// the connection's peer standalone; under the Functions host the forwarded address (<see cref="ForwardedClientAddress"/>),
/// and when the host's loopback call carries none, no address: all such requests share one "unknown" allowance.
/// </summary>
internal sealed class SignupRateLimits(SignupLimits limits, HostingModeInfo hosting)
{
    /// <summary>Counts one signup; the verdict says whether it may go ahead.</summary>
    public Task<LimitVerdict> TryAcquireAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        return limits.TryAdmitSignupAsync(ClientAddress(http, hosting.Mode), cancellationToken);
    }

    /// <summary>The address the limit keys on, or null when none is trustworthy.</summary>
    public static IPAddress? ClientAddress(HttpContext http, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(http);
        var peer = http.Connection.RemoteIpAddress;
        return mode == HostingMode.Functions && peer is not null && IPAddress.IsLoopback(peer) ? null : peer;
    }

    /// <summary>The 429 problem a refused signup gets, with <c>Retry-After</c> in seconds.</summary>
    public static IResult Refused(HttpContext http, LimitVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(verdict);
        http.Response.Headers.RetryAfter = ((long)Math.Ceiling(verdict.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many signups",
            detail: verdict.Reason);
    }
}
