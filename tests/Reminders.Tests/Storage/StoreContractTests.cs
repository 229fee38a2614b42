using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>
/// The behaviour every store must have. Each store gets a subclass that builds a fresh, empty store per test
/// (SQLite on a temporary file, Table Storage on Azurite with unique table names).
/// The tests are split by port into the <c>StoreContractTests.*.cs</c> files; they check behaviour through the
/// ports only, never the storage technology.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    /// <summary>A UTC day with a non-zero fraction, so instants must round-trip to the tick.</summary>
    protected static readonly DateTimeOffset Day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private StoreSet? _stores;

    protected StoreSet Stores => _stores ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a fresh, initialised, empty set of stores.</summary>
    protected abstract Task<StoreSet> CreateStoresAsync();

    /// <summary>Releases whatever <see cref="CreateStoresAsync"/> made.</summary>
    protected virtual ValueTask DisposeStoresAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync() => _stores = await CreateStoresAsync();

    public async ValueTask DisposeAsync()
    {
        await DisposeStoresAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task TryClaimAsync_ConcurrentClaimsForSameDay_ExactlyOneWins()
    {
        var phone = PhoneNumber.FromE164("+15550100001");
        var at = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);
        var date = new DateOnly(2026, 3, 1);
        var claims = Enumerable.Range(0, 8).Select(i => Stores.Deliveries.TryClaimAsync(
            new DeliveryRecord(phone, DeliveryRecord.DailyKey(date), date, $"p{i}", DeliveryStatus.Claimed, at, at), Ct));

        var results = await Task.WhenAll(claims);

        Assert.Equal(1, results.Count(won => won));
        var stored = await Stores.Deliveries.GetAsync(phone, DeliveryRecord.DailyKey(date), Ct);
        Assert.NotNull(stored);
        Assert.Equal($"p{Array.IndexOf(results, true)}", stored.PromptId);
    }

    [Fact]
    public async Task InitializeAsync_CalledAgainOnStoreWithData_KeepsData()
    {
        var subscriber = NewSubscriber("+15550100001");
        await Stores.Subscribers.TryInsertAsync(subscriber, Ct);
        await Stores.Prompts.TryInsertAsync(NewPrompt("hug"), Ct);

        await Stores.Initializer.InitializeAsync(Ct);

        Assert.Equal(subscriber, (await Stores.Subscribers.GetAsync(subscriber.Phone, Ct))?.Value);
        Assert.NotNull(await Stores.Prompts.GetAsync("hug", Ct));
    }

    [Fact]
    public async Task IsReachableAsync_InitializedStore_ReturnsTrue()
    {
        Assert.True(await Stores.Initializer.IsReachableAsync(Ct));
    }

    /// <summary>An active subscriber with only the required fields set.</summary>
    protected static Subscriber NewSubscriber(string phone, SubscriberStatus status = SubscriberStatus.Active) => new(
        PhoneNumber.FromE164(phone),
        status,
        "America/New_York",
        new TimeOnly(9, 0),
        [],
        null,
        [],
        null,
        null,
        null,
        Day,
        Day);

    /// <summary>A subscriber with every property, including the init-only ones, set to a non-default value.</summary>
    protected static Subscriber FullSubscriber(string phone) => new Subscriber(
        PhoneNumber.FromE164(phone),
        SubscriberStatus.Paused,
        "Europe/Berlin",
        new TimeOnly(7, 35, 10),
        ["touch", "words"],
        "Zoë \"Z\" O'Neil",
        ["hug-20s", "eye-contact", "phone-free-dinner"],
        new DateOnly(2026, 3, 9),
        Day.AddHours(31).AddMinutes(35),
        new DateOnly(2026, 2, 28),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)).AddTicks(6_789),
        Day.AddHours(12).AddTicks(1))
    {
        ConfirmationSentOn = new DateOnly(2026, 1, 2),
        ConsecutivePermanentFailures = 2,
        DoneCount = 17,
        Household = Household.Partner | Household.Pets,
        NudgesSent = 23,
    };

    protected static Prompt NewPrompt(string id, string text = "Give someone a 20-second hug today.", bool enabled = true) =>
        new(id, text, PromptCategories.All[0], PromptAudiences.All[0], "Long hugs release oxytocin.", "hugs.md", enabled);
}
