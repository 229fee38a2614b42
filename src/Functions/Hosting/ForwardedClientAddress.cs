using System.Net;

namespace Reminders.Functions.Hosting;

/// <summary>
/// Under the Functions host every HTTP request reaches the worker from the host on loopback, so the client's address
/// (which the per-address signup limit keys on) is the last <c>X-Forwarded-For</c> entry, added by Azure's front end
/// and passed through by the host. Only a loopback peer is trusted to set it, and only the last hop is taken, so a
/// client cannot choose its own address. Standalone mode serves clients directly and ignores the header.
/// Run by <see cref="Http.HttpPipeline"/>, so both modes apply the same rule.
/// </summary>
internal static class ForwardedClientAddress
{
    public static void Apply(HttpContext http, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (mode != HostingMode.Functions || http.Connection.RemoteIpAddress is not { } peer || !IPAddress.IsLoopback(peer))
        {
            return;
        }

        var header = http.Request.Headers["X-Forwarded-For"].ToString();
        var last = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is not null && IPEndPoint.TryParse(last, out var endpoint))
        {
            http.Connection.RemoteIpAddress = endpoint.Address;
        }
    }
}
