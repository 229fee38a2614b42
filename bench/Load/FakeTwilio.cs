using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reminders.Bench.Load;

/// <summary>One text the fake accepted: when (harness clock), to whom, and in which phase of the run.</summary>
internal readonly record struct ReceivedText(long Timestamp, string To, int Phase);

/// <summary>
/// A loopback Kestrel fake of <c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>: checks Basic auth, reads the form,
/// answers 201 with a JSON message resource shaped like Twilio's, and records every text. It also tracks how many
/// requests are in flight at once, so the raw loop can use the concurrency the app actually used.
/// </summary>
internal sealed class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "0123456789abcdef0123456789abcdef";
    public const string From = "+15005550006";

    private static readonly string ExpectedAuthorization =
        "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{AccountSid}:{AuthToken}"));

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedText> _texts = new();
    private int _phase;
    private int _inFlight;
    private int _peakInFlight;
    private long _sequence;
    private long _currentPhaseTexts;

    private FakeTwilio(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public IReadOnlyCollection<ReceivedText> Texts => _texts;

    /// <summary>Texts received since the last <see cref="BeginPhase"/> (cheap to poll, unlike <see cref="Texts"/>).</summary>
    public long CurrentPhaseTexts => Interlocked.Read(ref _currentPhaseTexts);

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", fake.CreateAsync);
        await app.StartAsync();
        var address = app.Urls.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    /// <summary>Texts from now on are tagged with <paramref name="phase"/>; the in-flight peak starts again.</summary>
    public void BeginPhase(int phase)
    {
        Volatile.Write(ref _phase, phase);
        Volatile.Write(ref _peakInFlight, 0);
        Interlocked.Exchange(ref _currentPhaseTexts, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task CreateAsync(HttpContext context, string accountSid)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            var peak = Volatile.Read(ref _peakInFlight);
            while (inFlight > peak && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
            {
                peak = Volatile.Read(ref _peakInFlight);
            }

            if (accountSid != AccountSid || context.Request.Headers.Authorization != ExpectedAuthorization)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("""{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""");
                return;
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var to = form["To"].ToString();
            var body = form["Body"].ToString();
            _texts.Enqueue(new ReceivedText(Stopwatch.GetTimestamp(), to, Volatile.Read(ref _phase)));
            Interlocked.Increment(ref _currentPhaseTexts);

            var sid = "SM" + Interlocked.Increment(ref _sequence).ToString("x32", CultureInfo.InvariantCulture);
            var date = TimeProvider.System.GetUtcNow().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
            var uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}";
            var resource = new Dictionary<string, object?>
            {
                ["account_sid"] = AccountSid,
                ["api_version"] = "2010-04-01",
                ["body"] = body,
                ["date_created"] = date,
                ["date_sent"] = null,
                ["date_updated"] = date,
                ["direction"] = "outbound-api",
                ["error_code"] = null,
                ["error_message"] = null,
                ["from"] = form["From"].ToString(),
                ["messaging_service_sid"] = null,
                ["num_media"] = "0",
                ["num_segments"] = "1",
                ["price"] = null,
                ["price_unit"] = "USD",
                ["sid"] = sid,
                ["status"] = "queued",
                ["subresource_uris"] = new Dictionary<string, string> { ["media"] = uri + "/Media.json" },
                ["to"] = to,
                ["uri"] = uri + ".json",
            };
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(JsonSerializer.Serialize(resource), context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
