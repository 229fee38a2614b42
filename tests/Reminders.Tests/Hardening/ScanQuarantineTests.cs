using Reminders.Core.Delivery;
using Reminders.Core.Stats;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Hardening;

/// <summary>
/// A poisoned due-index row (a subscriber whose zone no longer resolves) never stops the others' nudges: after
/// <c>Delivery:ScanFailuresBeforeQuarantine</c> failures it moves to the quarantine, the cursor moves on, and an admin
/// puts it back once the data is fixed. Run on SQLite and on Azurite.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ScanQuarantineTests(AzuriteFixture azurite)
{
    private const int Subscribers = 100;
    private const int Days = 10;
    private const string Poisoned = "+12125550042";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task TenDays_OnePoisonedRowAmongHundred_EveryoneElseGetsExactlyOneNudgeADay(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct);
        var phones = Enumerable.Range(0, Subscribers).Select(i => $"+1212555{i:D4}").ToList();
        foreach (var phone in phones.Where(p => p != Poisoned))
        {
            await app.AddActiveAsync(phone, Ct);
        }

        // Written past validation, as a corrupt entity or a zone removed from the tz database would be.
        var poisoned = CoreHarness.Active(Poisoned, "Mars/Olympus_Mons");
        Assert.NotNull(await app.Get<ISubscriberStore>().TryInsertAsync(poisoned, Ct));
        await app.Get<IScheduleIndex>().AddAsync(new ScheduleEntry(Poisoned, CoreHarness.FirstDue), Ct);

        for (var day = 0; day < Days; day++)
        {
            // Four scans five minutes apart from 09:31 New York time, as the timer would run them.
            for (var scan = 0; scan < 4; scan++)
            {
                app.Time.SetUtcNow(CoreHarness.FirstDue.AddDays(day).AddMinutes(1 + (5 * scan)));
                await app.ScanAndSendAsync(Ct);
                // The poisoned row holds the cursor for its first two failures only; from the third scan on the cursor is "now".
                var cursor = await app.Get<IScheduleIndex>().GetScanCursorAsync(Ct);
                Assert.Equal(day > 0 || scan >= 2 ? app.Time.GetUtcNow() : CoreHarness.FirstDue, cursor);
            }

            foreach (var phone in phones.Where(p => p != Poisoned))
            {
                Assert.Equal(day + 1, app.Gateway.CountTo(phone));
            }
        }

        Assert.Equal(0, app.Gateway.CountTo(Poisoned));
        Assert.Equal((Subscribers - 1) * Days, app.Gateway.Sent.Count);
        var quarantined = Assert.Single(await app.Get<ScanQuarantineService>().ListAsync(Ct));
        Assert.Equal(Poisoned, quarantined.Phone);
        Assert.Equal(3, quarantined.Failures);
        Assert.Contains("TimeZoneNotFoundException", quarantined.Reason, StringComparison.Ordinal);
        var stats = app.Get<StatsService>();
        Assert.Equal(1, (await stats.ReportAsync(new DateOnly(2026, 6, 10), new DateOnly(2026, 6, 20), Ct)).Quarantined);

        // The error names the masked number and the reason, never the full number.
        var error = Assert.Single(app.Logs.Lines, l => l.EventId == 3003);
        Assert.Contains(PhoneNumber.Mask(Poisoned), error.Text, StringComparison.Ordinal);
        Assert.Contains("TimeZoneNotFoundException", error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Text.Contains(Poisoned, StringComparison.Ordinal));

        // Putting it back while the data is still broken keeps it quarantined.
        var broken = await app.Get<ScanQuarantineService>().ReleaseAsync(PhoneNumber.FromE164(Poisoned), "admin", Ct);
        Assert.Equal(QuarantineReleaseOutcome.StillBroken, broken.Outcome);
        Assert.Equal(1, await app.Get<ScanQuarantineService>().CountAsync(Ct));

        // Fix the data, put it back: the next day it gets its nudge like everyone else.
        var stored = await app.Get<ISubscriberStore>().GetAsync(PhoneNumber.FromE164(Poisoned), Ct);
        Assert.NotNull(await app.Get<ISubscriberStore>().TryReplaceAsync(stored!.Value with { TimeZoneId = "America/New_York" }, stored.ETag, Ct));
        var released = await app.Get<ScanQuarantineService>().ReleaseAsync(PhoneNumber.FromE164(Poisoned), "admin", Ct);
        Assert.Equal(QuarantineReleaseOutcome.Released, released.Outcome);
        Assert.Equal(CoreHarness.FirstDue.AddDays(Days), released.NextDueUtc);
        Assert.Equal(0, await app.Get<ScanQuarantineService>().CountAsync(Ct));

        app.Time.SetUtcNow(CoreHarness.FirstDue.AddDays(Days).AddMinutes(1));
        await app.ScanAndSendAsync(Ct);
        Assert.Equal(1, app.Gateway.CountTo(Poisoned));
        Assert.Equal(Days + 1, app.Gateway.CountTo(phones[0]));
        FaultSuiteTests.AssertNoPii(app, [.. app.Gateway.Sent.Select(s => s.Body).Distinct()]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task Scan_RowFailsFewerThanLimit_HoldsCursorAtThatRowOnlyAndIsNotQuarantined(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct, new Dictionary<string, string?> { ["Delivery:ScanFailuresBeforeQuarantine"] = "5" });
        await app.AddActiveAsync("+12125550001", Ct);
        var poisoned = CoreHarness.Active(Poisoned, "Mars/Olympus_Mons");
        Assert.NotNull(await app.Get<ISubscriberStore>().TryInsertAsync(poisoned, Ct));
        await app.Get<IScheduleIndex>().AddAsync(new ScheduleEntry(Poisoned, CoreHarness.FirstDue), Ct);

        for (var scan = 0; scan < 4; scan++)
        {
            app.Time.SetUtcNow(CoreHarness.FirstDue.AddMinutes(1 + (5 * scan)));
            await app.ScanAndSendAsync(Ct);
            Assert.Equal(CoreHarness.FirstDue, await app.Get<IScheduleIndex>().GetScanCursorAsync(Ct));
        }

        Assert.Equal(1, app.Gateway.CountTo("+12125550001"));
        Assert.Equal(0, await app.Get<ScanQuarantineService>().CountAsync(Ct));
        Assert.Equal(4, (await app.Get<IScanQuarantine>().GetAsync(Poisoned, Ct))?.Failures);

        app.Time.SetUtcNow(CoreHarness.FirstDue.AddMinutes(21));
        var fifth = await app.ScanAndSendAsync(Ct);
        Assert.Equal(1, fifth.Quarantined);
        Assert.Equal(app.Time.GetUtcNow(), await app.Get<IScheduleIndex>().GetScanCursorAsync(Ct));
    }
}
