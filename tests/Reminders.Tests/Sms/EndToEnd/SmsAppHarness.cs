using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reminders.Core.Delivery;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Functions.Standalone;
using Reminders.Tests.Functions;
using Reminders.Tests.TestDoubles;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>
/// The real app listening on a loopback port (Kestrel through WebApplicationFactory), configured for Twilio against
/// the fake Twilio server, with the manual clock. Webhooks are signed by the fake for the public URL
/// <see cref="WebhookBaseUrl"/> and posted to the app over real HTTP, as Twilio's edge would forward them.
/// <para>
/// The app's Twilio client waits on the manual clock (pacing, retry backoff, the request timeout), so every call that
/// may send a text goes through <see cref="PumpAsync{T}"/>: it moves the clock over each short wait the app starts,
/// and over the request timeout of a request the fake is hanging on purpose, and over nothing else.
/// </para>
/// </summary>
internal sealed class SmsAppHarness : IAsyncDisposable
{
    public const string WebhookBaseUrl = "https://nudge.example.com";

    private static readonly TimeSpan RequestTimeout = new TwilioOptions().RequestTimeout;

    private int _requestsSeen;
    private int _sid;

    private SmsAppHarness(FakeTwilioServer twilio, RemindersAppFactory app)
    {
        Twilio = twilio;
        App = app;
    }

    public FakeTwilioServer Twilio { get; }

    public RemindersAppFactory App { get; }

    public TimerWatchingFakeTimeProvider Clock => App.Time;

    public RecordingStatsStore Stats { get; } = new();

    /// <summary>A client of the app over real HTTP (loopback).</summary>
    public HttpClient Http { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the fake Twilio and the app. With <paramref name="twilio"/> false the app runs in dry-run mode.</summary>
    public static async Task<SmsAppHarness> StartAsync(DateTimeOffset start, bool twilio = true, Action<IWebHostBuilder>? configure = null)
    {
        var fake = await FakeTwilioServer.StartAsync(Ct);
        RecordingStatsStore? stats = null;
        var app = new RemindersAppFactory(start, builder =>
        {
            if (twilio)
            {
                builder.UseSetting("Twilio:AccountSid", fake.AccountSid);
                builder.UseSetting("Twilio:AuthToken", fake.AuthToken);
                builder.UseSetting("Twilio:From", FakeTwilioServer.DefaultFrom);
                builder.UseSetting("Twilio:ApiBaseUrl", fake.BaseUrl);
                builder.UseSetting("Twilio:WebhookBaseUrl", WebhookBaseUrl);
                builder.UseSetting("Program:SupportContact", "help@example.org");
            }

            builder.UseSetting("Delivery:MaxMessagesPerSecond", "10");
            builder.ConfigureTestServices(services =>
            {
                // Record the counters these tests assert on (the real stats stores have their own contract tests).
                services.RemoveAll<IStatsStore>();
                services.AddSingleton<IStatsStore>(_ => stats!);
            });
            configure?.Invoke(builder);
        });
        var harness = new SmsAppHarness(fake, app);
        stats = harness.Stats;
        fake.Time = app.Time;
        // Listen through Kestrel's options, not UseKestrel(port): that overload rewrites the server addresses after the
        // app has begun starting on its own thread, which races Kestrel's bind (dotnet/aspnetcore#67714).
        app.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        harness.Http = app.CreateClient();
        harness.Admin = app.CreateAdminClient();

        // Over real HTTP: the client talks to Kestrel on a loopback port, not to the in-memory TestServer.
        if (harness.Http.BaseAddress is not { IsLoopback: true, IsDefaultPort: false })
        {
            throw new InvalidOperationException($"The app is not listening on a loopback port: {harness.Http.BaseAddress}");
        }

        return harness;
    }

    public string NextSid() => "SM" + Interlocked.Increment(ref _sid).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Posts a signed inbound text and returns the reply texts in the TwiML answer.</summary>
    public async Task<IReadOnlyList<string>> TextAsync(string from, string body, string? optOutType = null, string? messageSid = null)
    {
        using var response = await PostAsync(Twilio.Inbound(WebhookBaseUrl, from, body, optOutType, messageSid ?? NextSid()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TwimlResponse.ContentType, response.Content.Headers.ContentType?.MediaType);
        return Replies(await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The one reply to a signed inbound text.</summary>
    public async Task<string> ReplyAsync(string from, string body) => Assert.Single(await TextAsync(from, body));

    /// <summary>Posts a webhook (signed or forged) to the app over HTTP, pumping the clock meanwhile.</summary>
    public Task<HttpResponseMessage> PostAsync(FakeTwilioWebhook webhook) => PumpAsync(() => webhook.PostAsync(Http, Ct));

    /// <summary>Posts a signed status callback for <paramref name="message"/>.</summary>
    public async Task StatusAsync(FakeTwilioMessage message, string status, int? errorCode = null)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await PostAsync(Twilio.Status(message, status, errorCode));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Signs up over HTTP, then waits until the confirmation queue's worker has sent what the signup handed off.</summary>
    public async Task SignUpAsync(string phone, string timeZone = "America/New_York", string sendAt = "09:00")
    {
        using var response = await PumpAsync(() => Http.PostAsJsonAsync("/api/subscriptions", new { phone, timeZone, sendAt }, Ct));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await DrainConfirmationsAsync();
    }

    /// <summary>Waits, pumping the clock, until the in-process confirmation queue is empty.</summary>
    public Task DrainConfirmationsAsync() => PumpAsync(async () =>
    {
        await App.Services.GetRequiredService<ConfirmationQueue>().WaitForIdleAsync(Ct);
        return 0;
    });

    /// <summary>Moves the clock to <paramref name="utc"/>, fires the due scan and waits until the queue has drained.</summary>
    public async Task ScanAtAsync(DateTimeOffset utc)
    {
        Clock.SetUtcNow(utc);
        await PumpAsync(async () =>
        {
            await App.Services.GetRequiredService<StandaloneJobs>().RunDueScanAsync(Ct);
            await App.Services.GetRequiredService<NudgeQueue>().WaitForIdleAsync(Ct);
            return 0;
        });
    }

    /// <summary>Texts the fake created for <paramref name="phone"/>, oldest first.</summary>
    public IReadOnlyList<FakeTwilioMessage> MessagesTo(string phone) => [.. Twilio.Messages.Where(m => m.To == phone)];

    public async Task<Subscriber?> SubscriberAsync(string phone) =>
        (await App.Services.GetRequiredService<ISubscriberStore>().GetAsync(PhoneNumber.FromE164(phone), Ct))?.Value;

    public Task<DeliveryRecord?> DeliveryAsync(string phone, string key) =>
        App.Services.GetRequiredService<IDeliveryStore>().GetAsync(PhoneNumber.FromE164(phone), key, Ct);

    public Task<IReadOnlyList<ConsentEvent>> ConsentAsync(string phone) =>
        App.Services.GetRequiredService<IConsentLog>().ListAsync(PhoneNumber.FromE164(phone), Ct);

    /// <summary>
    /// Runs <paramref name="action"/> while moving the manual clock for it: over every wait shorter than the request
    /// timeout (pacing, backoff), and over the request timeout when the fake is hanging on a request on purpose.
    /// </summary>
    public async Task<T> PumpAsync<T>(Func<Task<T>> action)
    {
        var work = action();
        while (!work.IsCompleted)
        {
            var shortWait = Clock.WaitForTimerAsync(delay => delay > TimeSpan.Zero && delay < RequestTimeout, Ct);
            var nextRequest = Twilio.WaitForRequestsAsync(_requestsSeen + 1, Ct);
            var signal = await Task.WhenAny(work, shortWait, nextRequest);
            if (signal != work && signal != nextRequest)
            {
                // Sends run concurrently. A request the fake answers takes no time on the clock: the clock moves only
                // once every request still in flight is one the fake is hanging on.
                await UntilOnlyHungRequestsInFlightAsync(work);
            }

            if (signal == shortWait)
            {
                var step = Clock.PendingTimers.FirstOrDefault(t => t < RequestTimeout);
                Clock.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
            }
            else if (signal == nextRequest)
            {
                var request = Twilio.Requests[_requestsSeen];
                _requestsSeen++;
                // Sends run concurrently: an earlier jump over a request timeout may already have released this hung
                // request (it was in flight with the one that jumped), and then there is nothing left to time out.
                if (request.Fault is FakeTwilioFault.Hang or FakeTwilioFault.AcceptThenHang)
                {
                    var timeout = Clock.WaitForTimerAsync(RequestTimeout, Ct);
                    if (await Task.WhenAny(work, timeout) == timeout)
                    {
                        await UntilOnlyHungRequestsInFlightAsync(work);
                        if (Twilio.Hanging > 0)
                        {
                            Clock.Advance(RequestTimeout);
                        }
                    }
                }
            }
        }

        return await work;
    }

    /// <summary>
    /// Waits (on the test, not the clock) until every request in flight (one request timeout each) is one the fake is
    /// hanging on, or <paramref name="work"/> is done.
    /// </summary>
    private async Task UntilOnlyHungRequestsInFlightAsync(Task work)
    {
        while (!work.IsCompleted && Clock.CountTimers(d => d == RequestTimeout) > Twilio.Hanging)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    private static IReadOnlyList<string> Replies(string twiml)
    {
        var root = XDocument.Parse(twiml).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return [.. root.Elements("Message").Select(m => m.Value)];
    }
}
