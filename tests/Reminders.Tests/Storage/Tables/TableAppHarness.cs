using System.Collections.Concurrent;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Core;
using Reminders.Core.Prompts;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>
/// The Core services exactly as <c>AddRemindersCore</c> wires them with <c>Storage:Provider=tables</c>, on fresh Azurite
/// tables, with chosen Azure.Core pipeline policies in the table client, a clock that stands still and an SMS gateway
/// that accepts and counts every text.
/// </summary>
internal sealed class TableAppHarness : IAsyncDisposable
{
    /// <summary>09:30 in New York on a summer day: the subscribers' due instant.</summary>
    public static readonly DateTimeOffset Due = new(2026, 6, 10, 13, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    private TableAppHarness(ServiceProvider provider) => _provider = provider;

    public AcceptingGateway Gateway => _provider.GetRequiredService<AcceptingGateway>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<TableAppHarness> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken, params HttpPipelinePolicy[] policies)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "tables",
            ["Storage:TablesConnectionString"] = azurite.ConnectionString,
            ["Storage:TablesPrefix"] = AzuriteFixture.NewPrefix(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(new StillClock(Due.AddMinutes(1)));
        services.AddSingleton<AcceptingGateway>();
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<AcceptingGateway>());
        services.AddSingleton(AzuriteFixture.ClientOptions(policies));
        services.AddRemindersCore(configuration);
        var harness = new TableAppHarness(services.BuildServiceProvider());
        await harness.Get<IStoreInitializer>().InitializeAsync(cancellationToken);
        return harness;
    }

    /// <summary>One enabled prompt and <paramref name="count"/> active subscribers due at <see cref="Due"/>.</summary>
    public async Task<IReadOnlyList<PhoneNumber>> SeedAsync(int count, CancellationToken cancellationToken)
    {
        await Get<IPromptStore>().TryInsertAsync(
            new Prompt("hug-20s", "Give someone a 20-second hug today.", PromptCategories.All[0], "anyone", "Hugs release oxytocin.", "hugs.md"),
            cancellationToken);
        var phones = Enumerable.Range(0, count).Select(i => PhoneNumber.FromE164($"+1212555{i:D4}")).ToList();
        foreach (var phone in phones)
        {
            var subscriber = new Subscriber(
                phone, SubscriberStatus.Active, "America/New_York", new TimeOnly(9, 30), [], null, [], null, Due, null, Due.AddDays(-3), Due.AddDays(-3));
            Assert.NotNull(await Get<SubscriberUpdater>().InsertAsync(subscriber, cancellationToken));
        }

        return phones;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    /// <summary>Accepts every text and keeps it.</summary>
    internal sealed class AcceptingGateway : ISmsGateway
    {
        public ConcurrentQueue<OutboundSms> Sent { get; } = new();

        public string Name => "accepting";

        public Task<SmsSendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
        {
            Sent.Enqueue(message);
            return Task.FromResult(new SmsSendResult(SmsSendOutcome.Accepted, "SM" + Guid.NewGuid().ToString("N"), Name, null, null));
        }
    }

    /// <summary>A clock that never moves (tests here must not depend on wall-clock time).</summary>
    private sealed class StillClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
