using Reminders.Core.Delivery;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Functions;

/// <summary>The skeleton's end-to-end scenario with <c>Storage:Provider=tables</c>, on a real Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class DailyNudgeOnTablesEndToEndTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private const string Phone = "+12125550123";

    private RemindersAppFactory CreateApp() => new(Start, builder =>
    {
        builder.UseSetting("Storage:Provider", "tables");
        builder.UseSetting("Storage:TablesConnectionString", azurite.ConnectionString);
        builder.UseSetting("Storage:TablesPrefix", AzuriteFixture.NewPrefix());
    });

    [Fact]
    public async Task Subscribe_ActivateScanTwiceAndRedeliver_ExactlyOneNudgeOnTables()
    {
        await using var app = CreateApp();
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);

        app.Time.Advance(TimeSpan.FromMinutes(91));
        Assert.Equal(1, await driver.ScanAsync());
        Assert.Equal(0, await driver.ScanAsync());
        var batch = new NudgeBatch([new NudgeItem(Phone, new DateTimeOffset(2026, 6, 10, 13, 30, 0, TimeSpan.Zero))]);
        var redelivered = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => driver.SendBatchAsync(batch)));

        Assert.All(redelivered, r => Assert.Equal(0, r.Sent));
        var nudge = Assert.Single(await driver.NudgesAsync(Phone));
        Assert.Equal("accepted", nudge.Outcome);
        var subscriber = await driver.GetAsync(Phone);
        Assert.Equal("active", subscriber.Status);
        Assert.Equal("2026-06-10", subscriber.LastSentLocalDate);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 13, 30, 0, TimeSpan.Zero), subscriber.NextDueUtc);
    }

    [Fact]
    public async Task NextDays_OnTables_OneNudgePerDayWithDifferentPrompts()
    {
        await using var app = CreateApp();
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);

        for (var day = 0; day < 3; day++)
        {
            app.Time.SetUtcNow(new DateTimeOffset(2026, 6, 10 + day, 13, 35, 0, TimeSpan.Zero));
            await driver.ScanAsync();
        }

        var nudges = await driver.NudgesAsync(Phone);
        Assert.Equal(3, nudges.Count);
        Assert.Equal(3, nudges.Select(n => n.Body).Distinct().Count());
    }
}
