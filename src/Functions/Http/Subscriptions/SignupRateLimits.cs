using System.Threading.RateLimiting;

namespace Reminders.Functions.Http.Subscriptions;

/// <summary>
/// Every signup costs a text, so the public endpoint is limited per client address (SMS pumping guard): at most
/// <c>Signup:MaxPerAddressPerHour</c> per address in a fixed hour window. Per number, the confirmation is resent at
/// most once a day (in Core). One instance per process; the signup function consults it in both modes.
/// </summary>
internal sealed class SignupRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignupRateLimits(int perHour)
    {
        if (perHour is < 1 or > 100_000)
        {
            throw new InvalidOperationException("Signup:MaxPerAddressPerHour must be between 1 and 100000.");
        }

        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    public static SignupRateLimits FromConfiguration(IConfiguration configuration) =>
        new(configuration.GetValue("Signup:MaxPerAddressPerHour", 20));

    /// <summary>Takes one signup from the address's allowance; false when it is used up.</summary>
    public bool TryAcquire(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    /// <summary>The 429 problem a refused signup gets.</summary>
    public static IResult Refused() => TypedResults.Problem(
        statusCode: StatusCodes.Status429TooManyRequests,
        title: "Too many signups",
        detail: "Too many signups from this address; try again later.");

    public void Dispose() => _limiter.Dispose();
}
