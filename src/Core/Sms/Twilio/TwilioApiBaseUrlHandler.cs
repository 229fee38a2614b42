using Microsoft.Extensions.Options;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// Points the SDK at <see cref="TwilioOptions.ApiBaseUrl"/>: the SDK always builds <c>https://api.twilio.com/…</c>, so
/// this handler on the named client swaps scheme, host and port (and prepends a path prefix, if the setting has one)
/// for requests to that origin. With the default setting it changes nothing. Tests and staging fakes depend on it.
/// </summary>
public sealed class TwilioApiBaseUrlHandler(IOptions<TwilioOptions> options) : DelegatingHandler
{
    /// <summary>The origin the SDK writes into every REST URL for the 2010 API.</summary>
    public static readonly Uri TwilioApiOrigin = new("https://api.twilio.com");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.RequestUri = Rewrite(request.RequestUri, options.Value.ApiBaseUrl);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary><paramref name="uri"/> moved to <paramref name="apiBaseUrl"/> when it addresses api.twilio.com; otherwise unchanged.</summary>
    internal static Uri? Rewrite(Uri? uri, string? apiBaseUrl)
    {
        if (uri is null || string.IsNullOrEmpty(apiBaseUrl)
            || !Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out var target)
            || Uri.Compare(uri, TwilioApiOrigin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0
            || Uri.Compare(target, TwilioApiOrigin, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            return uri;
        }

        var builder = new UriBuilder(uri)
        {
            Scheme = target.Scheme,
            Host = target.Host,
            Port = target.Port,
            Path = target.AbsolutePath.TrimEnd('/') + uri.AbsolutePath,
        };
        return builder.Uri;
    }
}
