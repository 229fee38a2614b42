using Microsoft.Azure.Functions.Worker;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Functions.Functions;
using Reminders.Functions.Standalone;
using Reminders.Tests.Functions;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The timer fires a few milliseconds before its tick (seen in 5 of 17 due minutes). The scan must read up to the tick
/// it fired for, not the clock, so subscribers due exactly at the tick are sent now, not one interval later.
/// </summary>
public sealed class EarlyTimerTickTests
{
    // 2026-06-10 12:00 UTC is 08:00 in New York (EDT); subscribers want 09:30, due at 13:30:00 UTC exactly: a tick of
    // the default five-minute schedule.
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tick = new(2026, 6, 10, 13, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(3);
    private static readonly string[] Phones = ["+12125550141", "+12125550142", "+12125550143"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DueScanFunction_Fired3msBeforeItsTick_ReadsTheRowsDueExactlyAtTheTick()
    {
        await using var worker = await WorkerHarness.StartAsync(Start);
        foreach (var phone in Phones)
        {
            await WorkerDriver.SignUpAsync(worker, phone);
            await WorkerDriver.ActivateAsync(worker, phone);
        }

        worker.Time.SetUtcNow(Tick - Early);
        await using var scope = worker.Services.CreateAsyncScope();
        var timer = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = Tick.AddMinutes(-5).UtcDateTime, Next = Tick.UtcDateTime } };
        var scan = WorkerHarness.Create<DueScan>(scope.ServiceProvider).RunAsync(timer, Ct);
        worker.Time.Advance(Early);
        var batches = await scan;

        Assert.Equal(Phones.Order(), batches.SelectMany(b => b.Items).Select(i => i.Phone).Order());
        Assert.All(batches.SelectMany(b => b.Items), i => Assert.Equal(Tick, i.DueUtc));
        await using var sendScope = worker.Services.CreateAsyncScope();
        foreach (var batch in batches)
        {
            await WorkerHarness.Create<SendBatch>(sendScope.ServiceProvider).RunAsync(batch, Ct);
        }

        foreach (var phone in Phones)
        {
            Assert.Equal(1, await WorkerDriver.NudgeCountAsync(worker, phone));
        }
    }

    [Fact]
    public async Task StandaloneTimer_Fired3msBeforeItsTick_OneScanForTheTickSendsEveryoneDueAtIt()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new RemindersAppFactory(Start, b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var driver = new AppDriver(app);
        foreach (var phone in Phones)
        {
            await driver.SignUpAsync(phone, "America/New_York", "09:30");
            await driver.ActivateAsync(phone);
        }

        app.Time.SetUtcNow(Tick.AddMinutes(-1));
        var services = app.Services;
        using var timer = new DueScanTimer(
            services.GetRequiredService<StandaloneJobs>(),
            new EarlyTimers(app.Time, Early),
            services.GetRequiredService<IConfiguration>(),
            Options.Create(new StandaloneOptions { Scheduler = true }),
            services.GetRequiredService<ILogger<DueScanTimer>>());
        await timer.StartAsync(Ct);

        // The timer's wait for 13:30:00 ends 3 ms early, as the host's sometimes does.
        await app.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1) - Early, Ct);
        app.Time.Advance(TimeSpan.FromMinutes(1) - Early);
        // The scan waits out the 3 ms on the clock, then reads up to the tick.
        await app.Time.WaitForTimerAsync(Early, Ct);
        app.Time.Advance(Early);
        // The next wait is for 13:35, not 13:30 again: one scan for the tick.
        await app.Time.WaitForTimerAsync(d => d > TimeSpan.FromMinutes(4), Ct);
        await services.GetRequiredService<NudgeQueue>().WaitForIdleAsync(Ct);
        await timer.StopAsync(Ct);

        var scans = logs.Lines.Where(l => l.EventId == 4301).ToList();
        Assert.True(scans.Count == 1, string.Join(Environment.NewLine, scans));
        Assert.Contains(": 3 due in 1 batches", scans[0].Message, StringComparison.Ordinal);
        foreach (var phone in Phones)
        {
            Assert.Single(await driver.NudgesAsync(phone));
        }
    }

    /// <summary>The test clock, with every timer longer than a second firing <paramref name="early"/> before it is due.</summary>
    private sealed class EarlyTimers(TimeProvider clock, TimeSpan early) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override long GetTimestamp() => clock.GetTimestamp();

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            clock.CreateTimer(callback, state, dueTime > TimeSpan.FromSeconds(1) ? dueTime - early : dueTime, period);
    }
}
