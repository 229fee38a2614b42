using System.Collections.Concurrent;
using System.Diagnostics;

namespace Reminders.Bench.Load;

/// <summary>One Table Storage request that passed the proxy: when (harness clock), the verb and the table.</summary>
internal readonly record struct TableRequest(long Timestamp, string Method, string Table);

/// <summary>
/// A counting HTTP proxy on loopback in front of Azurite. The app's connection string points here, so every Table
/// request it makes is counted (a <c>$batch</c> counts once, as Table Storage bills it) with its verb and table.
/// Shared Key signatures cover the path, date and content headers but not the host, so forwarding keeps them valid.
/// </summary>
internal sealed class TableProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly string _target;
    private readonly ConcurrentQueue<TableRequest> _requests = new();
    private int _inFlight;
    private int _peakInFlight;

    private TableProxy(WebApplication app, HttpClient client, Uri target)
    {
        _app = app;
        _client = client;
        _target = target.GetLeftPart(UriPartial.Authority);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyCollection<TableRequest> Requests => _requests;

    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public void ResetPeak() => Volatile.Write(ref _peakInFlight, 0);

    public static async Task<TableProxy> StartAsync(Uri azurite)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
#pragma warning disable CA2000 // disposed with the proxy
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromMinutes(2) };
#pragma warning restore CA2000
        var proxy = new TableProxy(app, client, azurite);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        proxy.BaseUrl = new Uri(address);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    /// <summary>The table a request path names: <c>/devstoreaccount1/Subscribers(PartitionKey=...)</c> is "Subscribers".</summary>
    internal static string TableOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return "(service)";
        }

        var name = segments[1];
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren >= 0 ? name[..paren] : name;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            var peak = Volatile.Read(ref _peakInFlight);
            while (inFlight > peak && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
            {
                peak = Volatile.Read(ref _peakInFlight);
            }

            // The raw target, not Request.Path: Path is percent-decoded ('%2B' becomes '+'), and the signature covers the
            // path exactly as the client encoded it.
            var rawTarget = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget
                ?? (context.Request.Path.Value + context.Request.QueryString.Value);
            var path = rawTarget.Split('?', 2)[0];
            _requests.Enqueue(new TableRequest(Stopwatch.GetTimestamp(), context.Request.Method, TableOf(path)));

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target + rawTarget));
            request.Content = new ByteArrayContent(body.ToArray());
            foreach (var (name, values) in context.Request.Headers)
            {
                if (HopHeaders.Contains(name))
                {
                    continue;
                }

                if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }

            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(name) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
