using Microsoft.Extensions.Logging.Abstractions;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms.Twilio;
using Reminders.Tests.TestDoubles;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.Twilio;

/// <summary>A fake Twilio, a manual clock and the production client/gateway wired to them, per test.</summary>
internal sealed class TwilioHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);
    public const string WebhookBaseUrl = "https://nudge.example.com";

    private readonly List<HttpClient> _clients = [];

    private TwilioHarness(FakeTwilioServer fake, TwilioOptions options, double messagesPerSecond)
    {
        Fake = fake;
        Options = options;
        Fake.Time = Clock;
        Pacer = new SendPacer(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { MaxMessagesPerSecond = messagesPerSecond }), Clock);
    }

    public ManualTimeProvider Clock { get; } = new(Start);

    public FakeTwilioServer Fake { get; }

    public TwilioOptions Options { get; }

    public SendPacer Pacer { get; }

    /// <summary>Starts a fake and options that point at it; <paramref name="configure"/> adjusts the options.</summary>
    public static async Task<TwilioHarness> StartAsync(Action<TwilioOptions>? configure = null, double messagesPerSecond = 1000)
    {
        var fake = await FakeTwilioServer.StartAsync(TestContext.Current.CancellationToken);
        var options = new TwilioOptions
        {
            AccountSid = fake.AccountSid,
            AuthToken = fake.AuthToken,
            From = FakeTwilioServer.DefaultFrom,
            ApiBaseUrl = fake.BaseUrl,
            WebhookBaseUrl = WebhookBaseUrl,
        };
        configure?.Invoke(options);
        return new TwilioHarness(fake, options, messagesPerSecond);
    }

    public TwilioMessagesClient Client(HttpMessageHandler? handler = null)
    {
        var http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false });
        _clients.Add(http);
        return new TwilioMessagesClient(http, Microsoft.Extensions.Options.Options.Create(Options), Clock);
    }

    public TwilioSmsGateway Gateway(HttpMessageHandler? handler = null) =>
        new(Client(handler), Pacer, Microsoft.Extensions.Options.Options.Create(Options), Clock, NullLogger<TwilioSmsGateway>.Instance);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Fake.DisposeAsync();
    }
}

/// <summary>Counts the requests a client tries to send, whatever happens to them.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
