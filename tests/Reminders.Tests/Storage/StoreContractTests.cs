using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>
/// The behaviour every store must have. Each store gets a subclass that builds a fresh, empty store per test
/// (SQLite on a temporary file, Table Storage on Azurite with unique table names).
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
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
    }
}
