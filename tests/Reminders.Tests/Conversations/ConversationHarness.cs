using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Conversations;

/// <summary>
/// Core as the app composes it (AddRemindersCore) on a temporary SQLite file with the built-in prompts, the dry-run
/// gateway, a manual clock and a recording stats store; one per test. Drives inbound texts, signups and the daily send.
/// </summary>
internal sealed class ConversationHarness : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;
    private int _sid;

    private ConversationHarness(DateTimeOffset start, IReadOnlyDictionary<string, string?>? settings)
    {
        Clock = new FakeTimeProvider(start);
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:SqlitePath"] = Path.Combine(_directory, "reminders.db"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddRemindersCore(configuration);
        // Record the counters these tests assert on (the real stats stores have their own contract tests).
        services.RemoveAll<IStatsStore>();
        services.AddSingleton<IStatsStore>(Stats);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; }

    public RecordingStatsStore Stats { get; } = new();

    public IServiceProvider Services => _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ConversationHarness> StartAsync(DateTimeOffset start, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var harness = new ConversationHarness(start, settings);
        await harness.Get<IStoreInitializer>().InitializeAsync(Ct);
        await PromptSeeder.SeedAsync(harness.Get<IPromptStore>(), Ct);
        return harness;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A fresh MessageSid, different for every call.</summary>
    public string NextSid() => "SM" + Interlocked.Increment(ref _sid).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An inbound text from <paramref name="from"/>; returns the reply (null for an empty TwiML answer).</summary>
    public async Task<string?> TextAsync(string from, string body, string? optOutType = null, string? sid = null) =>
        (await Get<ConversationService>().HandleAsync(new InboundSms(PhoneNumber.FromE164(from), body, optOutType, sid ?? NextSid()), Ct)).Reply;

    public async Task<ConversationResult> HandleAsync(InboundSms sms) => await Get<ConversationService>().HandleAsync(sms, Ct);

    /// <summary>A signup, then the confirmation queue's turn (the worker sends what the signup handed off).</summary>
    public Task<SignupResult> SignUpAsync(string phone, string timeZone = "America/New_York", string sendAt = "09:00") =>
        QueuedConfirmations.SignUpAndDeliverAsync(Get<SubscriptionService>(), Get<ConfirmationSender>(), new SignupRequest(phone, timeZone, sendAt, null, null, "203.0.113.9"), Ct);

    /// <summary>Signs up and confirms with YES: an active subscriber.</summary>
    public async Task<Subscriber> ActiveAsync(string phone, string timeZone = "America/New_York", string sendAt = "09:00")
    {
        await SignUpAsync(phone, timeZone, sendAt);
        await TextAsync(phone, "YES");
        return await SubscriberAsync(phone) ?? throw new InvalidOperationException("No subscriber.");
    }

    public async Task<Subscriber?> SubscriberAsync(string phone) => (await Get<ISubscriberStore>().GetAsync(PhoneNumber.FromE164(phone), Ct))?.Value;

    public Task<IReadOnlyList<ConsentEvent>> ConsentAsync(string phone) => Get<IConsentLog>().ListAsync(PhoneNumber.FromE164(phone), Ct);

    public Task<DeliveryRecord?> DeliveryAsync(string phone, string key) => Get<IDeliveryStore>().GetAsync(PhoneNumber.FromE164(phone), key, Ct);

    /// <summary>Every text recorded for <paramref name="phone"/>, newest first.</summary>
    public Task<IReadOnlyList<OutboundMessage>> MessagesAsync(string phone) => Get<IMessageLog>().ListAsync(PhoneNumber.FromE164(phone), 500, Ct);

    /// <summary>Runs a due scan and sends every batch it yields; returns how many nudges went out.</summary>
    public async Task<int> SendDueAsync()
    {
        var scan = await Get<DueScanner>().ScanAsync(Ct);
        var sent = 0;
        foreach (var batch in scan.Batches)
        {
            sent += (await Get<BatchSender>().SendAsync(batch, Ct)).Sent;
        }

        return sent;
    }

    /// <summary>Moves the clock to <paramref name="utc"/> and sends whatever is due.</summary>
    public async Task<int> SendDueAtAsync(DateTimeOffset utc)
    {
        Clock.SetUtcNow(utc);
        return await SendDueAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
