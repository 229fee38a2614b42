using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Reminders.Core;
using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Hardening;

/// <summary>
/// The Core services as <c>AddRemindersCore</c> wires them, on a fresh SQLite file or fresh Azurite tables, with a fake
/// clock, an SMS gateway that accepts and keeps every text, and every log line captured.
/// </summary>
internal sealed class CoreHarness : IAsyncDisposable
{
    /// <summary>09:30 in New York on a summer day.</summary>
    public static readonly DateTimeOffset FirstDue = new(2026, 6, 10, 13, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;
    private readonly string? _directory;

    private CoreHarness(ServiceProvider provider, string? directory, FakeTimeProvider time, IConfiguration configuration)
    {
        _provider = provider;
        _directory = directory;
        Time = time;
        Configuration = configuration;
    }

    public FakeTimeProvider Time { get; }

    public IConfiguration Configuration { get; }

    public AcceptingGateway Gateway => Get<AcceptingGateway>();

    public CapturedLogs Logs => Get<CapturedLogs>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Starts on <paramref name="store"/> (<c>sqlite</c> or <c>tables</c>); <paramref name="azurite"/> is needed for tables.</summary>
    public static async Task<CoreHarness> StartAsync(
        string store, AzuriteFixture? azurite, CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        string? directory = null;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Storage:Provider"] = store };
        if (store == "tables")
        {
            ArgumentNullException.ThrowIfNull(azurite);
            values["Storage:TablesConnectionString"] = azurite.ConnectionString;
            values["Storage:TablesPrefix"] = AzuriteFixture.NewPrefix();
        }
        else
        {
            directory = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"));
            values["Storage:SqlitePath"] = Path.Combine(directory, "reminders.db");
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var time = new FakeTimeProvider(FirstDue.AddHours(-1));
        var services = new ServiceCollection();
        services.AddSingleton<CapturedLogs>();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).Services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<CapturedLogs>()));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<AcceptingGateway>();
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<AcceptingGateway>());
        if (azurite is not null)
        {
            services.AddSingleton(AzuriteFixture.ClientOptions());
        }

        services.AddRemindersCore(configuration);
        var harness = new CoreHarness(services.BuildServiceProvider(), directory, time, configuration);
        await harness.Get<IStoreInitializer>().InitializeAsync(cancellationToken);
        await harness.Get<IPromptStore>().TryInsertAsync(
            new Prompt("hug-20s", "Give someone a 20-second hug today.", PromptCategories.All[0], PromptAudiences.Anyone, "Hugs release oxytocin.", "hugs.md"),
            cancellationToken);
        return harness;
    }

    /// <summary>An active subscriber in New York at 09:30, next due at <see cref="FirstDue"/>.</summary>
    public static Subscriber Active(string phone, string zone = "America/New_York") =>
        new(PhoneNumber.FromE164(phone), SubscriberStatus.Active, zone, new TimeOnly(9, 30), [], null, [], null, FirstDue, null,
            FirstDue.AddDays(-3), FirstDue.AddDays(-3));

    public async Task AddActiveAsync(string phone, CancellationToken cancellationToken) =>
        Assert.NotNull(await Get<SubscriberUpdater>().InsertAsync(Active(phone), cancellationToken));

    /// <summary>One scan, then every batch it made sent. Returns the scan.</summary>
    public async Task<DueScanResult> ScanAndSendAsync(CancellationToken cancellationToken)
    {
        var scan = await Get<DueScanner>().ScanAsync(cancellationToken);
        foreach (var batch in scan.Batches)
        {
            await Get<BatchSender>().SendAsync(batch, cancellationToken);
        }

        return scan;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Accepts every text and keeps it.</summary>
    internal sealed class AcceptingGateway : ISmsGateway
    {
        public ConcurrentQueue<OutboundSms> Sent { get; } = new();

        public string Name => "accepting";

        public int CountTo(string phone) => Sent.Count(s => s.To.Value == phone);

        private readonly Lock _gate = new();
        private Random? _random;
        private double _faultRate;

        /// <summary>Every call, including those that faulted.</summary>
        public ConcurrentQueue<OutboundSms> Calls { get; } = new();

        /// <summary>Runs after a text is accepted and before the sender hears so (a fault scenario stops the store here).</summary>
        public Func<OutboundSms, Task>? AfterAccept { get; set; }

        /// <summary>From now on each send faults with probability <paramref name="rate"/> (seeded, so repeatable).</summary>
        public void FailRandomly(double rate, int seed)
        {
            lock (_gate)
            {
#pragma warning disable CA5394 // A seeded, repeatable fault mix is the point.
                _random = new Random(seed);
#pragma warning restore CA5394
                _faultRate = rate;
            }
        }

        public Task<SmsSendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
        {
            Calls.Enqueue(message);
            int fault;
            lock (_gate)
            {
#pragma warning disable CA5394
                fault = _random is not null && _random.NextDouble() < _faultRate ? _random.Next(4) : -1;
#pragma warning restore CA5394
            }

            switch (fault)
            {
                case 0:
                    return Task.FromResult(new SmsSendResult(SmsSendOutcome.Failed, null, null, 20500, "Internal server error"));
                case 1:
                    return Task.FromResult(new SmsSendResult(SmsSendOutcome.Unknown, null, null, null, "Timed out after sending"));
                case 2:
                    return Task.FromResult(new SmsSendResult(SmsSendOutcome.Rejected, null, null, 21211, "Invalid 'To' number"));
                case 3:
                    throw new HttpRequestException("connection reset (injected)");
                default:
                    Sent.Enqueue(message);
                    return AcceptedAsync(message);
            }
        }

        private async Task<SmsSendResult> AcceptedAsync(OutboundSms message)
        {
            if (AfterAccept is { } hook)
            {
                await hook(message);
            }

            return new SmsSendResult(SmsSendOutcome.Accepted, "SM" + Guid.NewGuid().ToString("N"), Name, null, null);
        }
    }
}

/// <summary>Every log line written through the container's loggers, formatted, with its exception.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, int EventId, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                text += " | " + string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"));
            }

            if (exception is not null)
            {
                text += " | " + exception;
            }

            owner.Lines.Enqueue((logLevel, category, eventId.Id, text));
        }
    }
}
