using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Storage;
using Reminders.Tests.Functions;

namespace Reminders.Tests.Delivery;

public sealed class DueScannerCatchUpTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private const string Phone = "+12125550123";

    [Fact]
    public async Task ScanAsync_AfterAFortyDayOutage_CatchesUpInStepsAndSendsOnTheNextDay()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);
        await driver.ScanAsync();
        var index = app.Services.GetRequiredService<IScheduleIndex>();

        app.Time.SetUtcNow(Start.AddDays(40));
        for (var tick = 0; tick < 8; tick++)
        {
            await driver.ScanAsync();
            app.Time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(Start.AddDays(40).AddMinutes(35), await index.GetScanCursorAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await driver.NudgesAsync(Phone));
        var subscriber = await driver.GetAsync(Phone);
        Assert.Equal(new DateTimeOffset(2026, 7, 20, 13, 30, 0, TimeSpan.Zero), subscriber.NextDueUtc);

        app.Time.SetUtcNow(new DateTimeOffset(2026, 7, 20, 13, 35, 0, TimeSpan.Zero));
        await driver.ScanAsync();
        Assert.Single(await driver.NudgesAsync(Phone));
    }
}
