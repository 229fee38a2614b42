using Reminders.Functions.Hosting;
using Reminders.Functions.Http.Admin;
using Reminders.Functions.Http.Subscriptions;

namespace Reminders.Functions.Http;

/// <summary>Who may call an HTTP function, and whether it spends the signup allowance.</summary>
internal enum HttpAccess
{
    /// <summary>Anyone (health, Twilio's signed webhooks, the admin page's files).</summary>
    Public,

    /// <summary>Anyone, limited per client address (<see cref="SignupRateLimits"/>).</summary>
    Signup,

    /// <summary>An admin key is required.</summary>
    Admin,
}

/// <summary>
/// The cross-cutting HTTP behaviour every HTTP function runs, in code the function itself calls, so the Functions
/// worker and the standalone runner do exactly the same: the forwarded client address, security headers, the admin
/// key check, the signup rate limit, and any exception turned into a 500 problem (never a stack trace).
/// </summary>
internal sealed partial class HttpPipeline(
    AdminKeyRing keys, SignupRateLimits signups, HostingModeInfo hosting, StoreReadiness store, ILogger<HttpPipeline> logger)
{
    public async Task<IResult> RunAsync(HttpRequest request, HttpAccess access, Func<HttpContext, CancellationToken, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        var http = request.HttpContext;
        ForwardedClientAddress.Apply(http, hosting.Mode);
        SecurityHeaders.Apply(http.Response.Headers);

        if (access == HttpAccess.Admin && AdminAuthorization.Authorize(http, keys) is { } unauthorized)
        {
            return unauthorized;
        }

        try
        {
            // Start-up prepares the store beside the server's start; a request that comes first waits for it.
            if (!store.IsReady && await WaitForStoreAsync(http.RequestAborted) is { } unavailable)
            {
                return unavailable;
            }

            if (access == HttpAccess.Signup && await signups.TryAcquireAsync(http, http.RequestAborted) is { Allowed: false } verdict)
            {
                return SignupRateLimits.Refused(http, verdict);
            }

            return await handler(http, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure becomes a problem response; the details go to the log, not the client.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(ex, request.Method, request.Path.Value ?? string.Empty);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "An unexpected error occurred",
                detail: "The request could not be completed; nothing more is known to the caller. Try again later.");
        }
    }

    private async Task<IResult?> WaitForStoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.WaitAsync(cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Start-up logged the failure and is stopping the app; the caller learns only that.
        catch (Exception)
#pragma warning restore CA1031
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The service is not available",
                detail: "The store could not be prepared at start-up; the service is stopping.");
        }
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string path);
}

/// <summary>The headers every response carries; the admin page adds its Content-Security-Policy.</summary>
internal static class SecurityHeaders
{
    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.XContentTypeOptions = "nosniff";
        // API answers hold subscriber and admin data: no browser or proxy may keep a copy.
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}

/// <summary>The mode this process runs in, for the few places that differ (the forwarded address).</summary>
internal sealed record HostingModeInfo(HostingMode Mode);
