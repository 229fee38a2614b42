using Reminders.Core.Delivery;

namespace Reminders.Tests.Functions;

public sealed class DailyNudgeEndToEndTests
{
    // 2026-06-10 12:00 UTC is 08:00 in New York (EDT, UTC-4).
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private const string Phone = "+12125550123";

    [Fact]
    public async Task Subscribe_ActivateAndScanPastSendTime_RecordsExactlyOneNudge()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);

        Assert.Equal(0, await driver.ScanAsync());
        app.Time.Advance(TimeSpan.FromMinutes(91));
        var due = await driver.ScanAsync();

        Assert.Equal(1, due);
        var messages = await driver.MessagesAsync(Phone);
        Assert.Single(messages, m => m.Kind == "confirmation");
        var nudge = Assert.Single(messages, m => m.Kind == "nudge");
        Assert.Equal("dry-run", nudge.Gateway);
        Assert.Equal("accepted", nudge.Outcome);
        var subscriber = await driver.GetAsync(Phone);
        Assert.Equal("2026-06-10", subscriber.LastSentLocalDate);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 13, 30, 0, TimeSpan.Zero), subscriber.NextDueUtc);
        Assert.Equal(nudge.Body, (await driver.NudgesAsync(Phone)).Single().Body);
    }

    [Fact]
    public async Task Scan_RunTwiceAndBatchRedeliveredConcurrently_StillOneNudgePerDay()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);
        app.Time.Advance(TimeSpan.FromMinutes(91));
        var due = new DateTimeOffset(2026, 6, 10, 13, 30, 0, TimeSpan.Zero);
        var batch = new NudgeBatch([new NudgeItem(Phone, due)]);

        await driver.ScanAsync();
        await driver.ScanAsync();
        var redelivered = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => driver.SendBatchAsync(batch)));

        Assert.Single(await driver.NudgesAsync(Phone));
        Assert.All(redelivered, r => Assert.Equal(0, r.Sent));
    }

    [Fact]
    public async Task Scan_ConcurrentBatchesBeforeAnyScan_OnlyOneWins()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);
        app.Time.Advance(TimeSpan.FromMinutes(91));
        var batch = new NudgeBatch([new NudgeItem(Phone, new DateTimeOffset(2026, 6, 10, 13, 30, 0, TimeSpan.Zero))]);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => driver.SendBatchAsync(batch)));

        Assert.Equal(1, results.Sum(r => r.Sent));
        Assert.Single(await driver.NudgesAsync(Phone));
    }

    [Fact]
    public async Task Scan_NextDaysAtSendTime_OneNudgeEachDayWithDifferentPrompts()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);

        for (var day = 0; day < 5; day++)
        {
            app.Time.SetUtcNow(new DateTimeOffset(2026, 6, 10 + day, 13, 35, 0, TimeSpan.Zero));
            await driver.ScanAsync();
            app.Time.Advance(TimeSpan.FromHours(3));
            await driver.ScanAsync();
        }

        var nudges = await driver.NudgesAsync(Phone);
        Assert.Equal(5, nudges.Count);
        Assert.Equal(5, nudges.Select(n => n.Body).Distinct().Count());
    }

    [Fact]
    public async Task Scan_MoreThanMaxLatenessAfterSendTime_SkipsTheDayAndSendsNextDay()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);

        app.Time.SetUtcNow(new DateTimeOffset(2026, 6, 10, 16, 0, 0, TimeSpan.Zero));
        await driver.ScanAsync();
        Assert.Empty(await driver.NudgesAsync(Phone));

        app.Time.SetUtcNow(new DateTimeOffset(2026, 6, 11, 13, 40, 0, TimeSpan.Zero));
        await driver.ScanAsync();
        Assert.Single(await driver.NudgesAsync(Phone));
    }
}
