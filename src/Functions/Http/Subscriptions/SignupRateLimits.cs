using System.Threading.RateLimiting;

namespace Reminders.Functions.Http.Subscriptions;

/// <summary>
/// Every signup costs a text, so the public endpoint is limited per client address (SMS pumping guard).
/// Per number, the confirmation is resent at most once a day (in Core).
/// </summary>
internal static class SignupRateLimits
{
    public const string PolicyName = "signup";

    public static IServiceCollection AddSignupRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perHour = configuration.GetValue("Signup:MaxPerAddressPerHour", 20);
        if (perHour is < 1 or > 100_000)
        {
            throw new InvalidOperationException("Signup:MaxPerAddressPerHour must be between 1 and 100000.");
        }

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many signups", Detail = "Too many signups from this address; try again later." },
                });
            };
            options.AddPolicy(PolicyName, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        return services;
    }
}
