using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Reminders.Core;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage;

/// <summary>
/// Issue 14's "Two app instances on one store cannot together exceed the signup limit", and the same for the
/// confirmation cap: two separately composed apps (AddRemindersCore, their own service providers, connections and
/// clients) on one SQLite file and on one set of Azurite tables, racing.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SharedLimitsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstancesOnOneSqliteFile_TogetherNeverExceedTheSignupLimit()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:SqlitePath"] = Path.Combine(directory, "reminders.db"),
        };
        try
        {
            await AssertSharedAsync(settings);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task TwoInstancesOnOneAzuriteAccount_TogetherNeverExceedTheSignupLimit()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "tables",
            ["Storage:TablesConnectionString"] = azurite.ConnectionString,
            ["Storage:TablesPrefix"] = AzuriteFixture.NewPrefix(),
        };
        await AssertSharedAsync(settings);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task LimitStore_CounterAndSlots_Contract(string provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"));
        var settings = provider == "sqlite"
            ? new Dictionary<string, string?> { ["Storage:Provider"] = "sqlite", ["Storage:SqlitePath"] = Path.Combine(directory, "r.db") }
            : new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "tables",
                ["Storage:TablesConnectionString"] = azurite.ConnectionString,
                ["Storage:TablesPrefix"] = AzuriteFixture.NewPrefix(),
            };
        await using var app = await StartAsync(settings, new FakeTimeProvider(Start));
        var store = app.GetRequiredService<ILimitStore>();

        Assert.True(await store.TryCountAsync("k-1", "w1", 2, Ct));
        Assert.True(await store.TryCountAsync("k-1", "w1", 2, Ct));
        Assert.False(await store.TryCountAsync("k-1", "w1", 2, Ct));
        Assert.True(await store.TryCountAsync("k-1", "w2", 2, Ct));
        Assert.True(await store.TryCountAsync("k-2", "w1", 1, Ct));

        var day = TimeSpan.FromHours(24);
        Assert.True(await store.TryTakeSlotAsync("s-1", 2, Start, day, Ct));
        Assert.True(await store.TryTakeSlotAsync("s-1", 2, Start.AddHours(1), day, Ct));
        Assert.False(await store.TryTakeSlotAsync("s-1", 2, Start.AddHours(23), day, Ct));
        Assert.True(await store.TryTakeSlotAsync("s-1", 2, Start.AddHours(24), day, Ct));
        Assert.False(await store.TryTakeSlotAsync("s-1", 2, Start.AddHours(24.5), day, Ct));
        Assert.True(await store.TryTakeSlotAsync("s-1", 2, Start.AddHours(25), day, Ct));
        if (provider == "sqlite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    private static async Task AssertSharedAsync(Dictionary<string, string?> settings)
    {
        settings["Signup:MaxPerAddressPerHour"] = "7";
        await using var first = await StartAsync(settings, new FakeTimeProvider(Start));
        await using var second = await StartAsync(settings, new FakeTimeProvider(Start));
        var address = IPAddress.Parse("2001:db8::1");
        SignupLimits Limits(int i) => (i % 2 == 0 ? first : second).GetRequiredService<SignupLimits>();

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Limits(i).TryAdmitSignupAsync(address, Ct)));

        Assert.Equal(7, verdicts.Count(v => v.Allowed));
        Assert.All(verdicts.Where(v => !v.Allowed), v => Assert.True(v.RetryAfter > TimeSpan.Zero));

        var phone = PhoneNumber.FromE164("+12125550123");
        var confirmations = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Limits(i).TryTakeConfirmationAsync(phone, Ct)));
        Assert.Equal(SignupLimits.MaxConfirmationsPer24Hours, confirmations.Count(taken => taken));
    }

    private static async Task<ServiceProvider> StartAsync(Dictionary<string, string?> settings, TimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(time);
        services.AddRemindersCore(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IStoreInitializer>().InitializeAsync(Ct);
        return provider;
    }
}
