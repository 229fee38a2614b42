using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reminders.Core.Delivery;
using Reminders.Core.Sms;
using Reminders.Tests.Functions.Prompts;

namespace Reminders.Tests.Functions.Stats;

public sealed class StatsApiTests
{
    // 2026-06-10 12:00 UTC is 08:00 in New York and already 00:00 on 2026-06-11 in Auckland.
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_AfterARealSend_CountsItPerDayAndPromptAndCountsSubscribersByStatus()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync("+12125550100", "America/New_York", "09:00"); // stays pending
        await driver.SignUpAsync("+12125550101", "America/New_York", "09:00");
        await driver.ActivateAsync("+12125550101");
        using var stop = await driver.Admin.PatchAsJsonAsync("/api/subscriptions/%2B12125550101", new { status = "stopped" }, Ct);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var sentId = await PromptApiLibraryTests.SendOneNudgeAsync(app, driver);
        var text = (await PromptApi.GetAsync(driver.Admin, sentId)).Prompt.Text;

        var stats = await driver.Admin.GetFromJsonAsync<StatsRow>("/api/stats?from=2026-06-01&to=2026-06-30", Ct);

        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)), (stats!.From, stats.To));
        Assert.Equal(new CountsRow(1, 0, 0, 0, 0), stats.Totals);
        Assert.Equal([new DayRow(new DateOnly(2026, 6, 10), new CountsRow(1, 0, 0, 0, 0))], stats.Days);
        Assert.Equal([new PromptStatsRow(sentId, text, new CountsRow(1, 0, 0, 0, 0))], stats.Prompts);
        Assert.Equal([new DayPromptRow(new DateOnly(2026, 6, 10), sentId, new CountsRow(1, 0, 0, 0, 0))], stats.Rows);
        Assert.Equal(new SubscribersRow(1, 1, 0, 1, 3), stats.Subscribers);
    }

    [Fact]
    public async Task Get_ScanRepeatedAndBatchRedelivered_CountsTheSendOnce()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await PromptApiLibraryTests.SendOneNudgeAsync(app, driver);

        await driver.ScanAsync();
        await driver.SendBatchAsync(new NudgeBatch([new NudgeItem("+12125550123", new DateTimeOffset(2026, 6, 10, 13, 30, 0, TimeSpan.Zero))]));

        var stats = await driver.Admin.GetFromJsonAsync<StatsRow>("/api/stats?from=2026-06-10&to=2026-06-10", Ct);
        Assert.Equal(new CountsRow(1, 0, 0, 0, 0), stats!.Totals);
    }

    [Fact]
    public async Task Get_SubscriberAheadOfUtc_CountsTheSendOnTheirLocalDate()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync("+12125550123", "Pacific/Auckland", "09:30");
        await driver.ActivateAsync("+12125550123");
        app.Time.Advance(TimeSpan.FromHours(9).Add(TimeSpan.FromMinutes(35))); // 21:35 UTC on 06-10 is 09:35 on 06-11 in Auckland
        Assert.Equal(1, await driver.ScanAsync());

        var utcDay = await driver.Admin.GetFromJsonAsync<StatsRow>("/api/stats?from=2026-06-10&to=2026-06-10", Ct);
        var localDay = await driver.Admin.GetFromJsonAsync<StatsRow>("/api/stats?from=2026-06-11&to=2026-06-11", Ct);

        Assert.Equal(0, utcDay!.Totals.Sent);
        Assert.Equal(1, localDay!.Totals.Sent);
    }

    [Fact]
    public async Task Get_ProviderRefusesTheNudge_CountsFailed()
    {
        await using var app = new RemindersAppFactory(Start, b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<ISmsGateway>();
            services.AddSingleton<ISmsGateway, RefusingNudgesGateway>();
        }));
        var driver = new AppDriver(app);
        await driver.SignUpAsync("+12125550123", "America/New_York", "09:30");
        await driver.ActivateAsync("+12125550123");
        app.Time.Advance(TimeSpan.FromMinutes(91));
        await driver.ScanAsync();

        var stats = await driver.Admin.GetFromJsonAsync<StatsRow>("/api/stats?from=2026-06-10&to=2026-06-10", Ct);

        Assert.Equal(new CountsRow(0, 0, 1, 0, 0), stats!.Totals);
    }

    [Fact]
    public async Task Get_NoRange_CoversThirtyDaysEndingToday()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        var stats = await admin.GetFromJsonAsync<StatsRow>("/api/stats", Ct);

        Assert.Equal((new DateOnly(2026, 5, 12), new DateOnly(2026, 6, 10)), (stats!.From, stats.To));
        Assert.Empty(stats.Days);
    }

    [Theory]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=10%2F06%2F2026", "from")]
    [InlineData("?to=yesterday", "to")]
    [InlineData("?from=2026-06-10&to=2026-06-09", "to")]
    [InlineData("?from=2025-01-01&to=2026-06-10", "to")]
    public async Task Get_InvalidRange_Returns400NamingParameter(string query, string field)
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.GetAsync("/api/stats" + query, Ct);

        await PromptApi.AssertValidationProblemAsync(response, field);
    }

    /// <summary>Accepts every text except tracked deliveries (the daily nudge), which it refuses for good.</summary>
    private sealed class RefusingNudgesGateway : ISmsGateway
    {
        public string Name => "refusing";

        public Task<SmsSendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken) =>
            Task.FromResult(message.DeliveryKey is null
                ? new SmsSendResult(SmsSendOutcome.Accepted, "SM" + Guid.NewGuid().ToString("N"), "queued", null, null)
                : new SmsSendResult(SmsSendOutcome.Rejected, null, null, 21211, "Invalid 'To' Phone Number"));
    }

    private sealed record CountsRow(int Sent, int Delivered, int Failed, int OptOuts, int Done);

    private sealed record DayRow(DateOnly Date, CountsRow Counts);

    private sealed record PromptStatsRow(string PromptId, string? Text, CountsRow Counts);

    private sealed record DayPromptRow(DateOnly Date, string PromptId, CountsRow Counts);

    private sealed record SubscribersRow(int Pending, int Active, int Paused, int Stopped, int Total);

    private sealed record StatsRow(
        DateOnly From,
        DateOnly To,
        CountsRow Totals,
        IReadOnlyList<DayRow> Days,
        IReadOnlyList<PromptStatsRow> Prompts,
        IReadOnlyList<DayPromptRow> Rows,
        SubscribersRow Subscribers);
}
