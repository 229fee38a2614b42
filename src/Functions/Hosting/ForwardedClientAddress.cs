using Microsoft.AspNetCore.HttpOverrides;

namespace Reminders.Functions.Hosting;

/// <summary>
/// Under the Functions host every HTTP request reaches the app from the host on 127.0.0.1, so the client's address
/// (which the per-address signup limit keys on) is the last <c>X-Forwarded-For</c> entry, added by Azure's front end
/// and passed through by the host. Only a loopback peer is trusted to set it, and only the last hop is taken, so a
/// client cannot choose its own address. Standalone mode serves clients directly and ignores the header.
/// </summary>
internal static class ForwardedClientAddress
{
    public static WebApplication UseForwardedClientAddress(this WebApplication app, HostingMode mode)
    {
        if (mode == HostingMode.CustomHandler)
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
            // KnownProxies defaults to loopback, which is where the host calls from.
            app.UseForwardedHeaders(options);
        }

        return app;
    }
}
