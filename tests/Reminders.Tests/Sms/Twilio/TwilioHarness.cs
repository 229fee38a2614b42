using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms.Twilio;
using Reminders.Tests.TestDoubles;
using Reminders.Tests.TestDoubles.FakeTwilio;
using Twilio.Clients;

namespace Reminders.Tests.Sms.Twilio;

/// <summary>
/// A fake Twilio, a fake clock and the production wiring (<see cref="TwilioServiceCollectionExtensions.AddTwilio"/>:
/// the named HttpClient with its handlers, the SDK client, the gateway) pointed at them, per test.
/// </summary>
internal sealed class TwilioHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);
    public const string WebhookBaseUrl = "https://nudge.example.com";

    private readonly List<ServiceProvider> _providers = [];

    private TwilioHarness(FakeTwilioServer fake, TwilioOptions options, double messagesPerSecond)
    {
        Fake = fake;
        Options = options;
        Fake.Time = Clock;
        Pacer = new SendPacer(Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { MaxMessagesPerSecond = messagesPerSecond }), Clock);
    }

    public TimerWatchingFakeTimeProvider Clock { get; } = new(Start);

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

    /// <summary>The services as production registers them; <paramref name="handler"/> replaces the primary handler.</summary>
    public IServiceProvider Services(HttpMessageHandler? handler = null, ILoggerFactory? loggers = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Pacer);
        services.AddSingleton(loggers ?? NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), loggers is null ? typeof(NullLogger<>) : typeof(Logger<>));
        services.AddTwilio(new ConfigurationBuilder().Build());
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        if (handler is not null)
        {
            services.AddHttpClient(TwilioSmsGateway.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>The SDK client the gateway builds: named HttpClient, SystemNetHttpClient, TwilioRestClient.</summary>
    public TwilioRestClient RestClient(HttpMessageHandler? handler = null) =>
        TwilioSmsGateway.CreateClient(Services(handler).GetRequiredService<IHttpClientFactory>(), Options);

    public TwilioSmsGateway Gateway(HttpMessageHandler? handler = null, ILoggerFactory? loggers = null) =>
        Services(handler, loggers).GetRequiredService<TwilioSmsGateway>();

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
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
