using System.Globalization;
using Microsoft.Data.Sqlite;
using Reminders.Core.Conversations;
using Reminders.Core.Retention;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Sqlite;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Hardening;

/// <summary>
/// Retention on both stores: inbound records and daily markers older than <c>Retention:InboundDays</c> go and newer ones
/// stay; message bodies older than <c>Retention:MessageBodyDays</c> are emptied while the rest of the row stays; and the
/// sweep's cost follows what expires (SQLite: every statement is an index search; Tables: the same requests whether
/// little or much is kept).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RetentionTests(AzuriteFixture azurite)
{
    private const string Phone = "+12125550142";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task Sweep_AfterInboundAndBodyRetention_OldRecordsGoNewStayAndOldBodiesLoseOnlyTheirText(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct);
        var phone = PhoneNumber.FromE164(Phone);
        var sweeper = app.Get<RetentionSweeper>();
        await app.AddActiveAsync(Phone, Ct);
        app.Time.SetUtcNow(CoreHarness.FirstDue);
        await app.ScanAndSendAsync(Ct);
        Assert.Equal(1, app.Gateway.CountTo(Phone));
        await app.Get<ConversationService>().HandleAsync(new InboundSms(phone, "DONE", null, Sid(1)), Ct);
        Assert.True(await app.Get<ILimitStore>().TryCountAsync("addr-203.0.113.7", Hour(app), 1, Ct));
        var old = await app.Get<IMessageLog>().ListAsync(phone, 100, Ct);
        Assert.Contains(old, m => m.Kind == OutboundMessageKinds.Nudge);
        Assert.All(old, m => Assert.NotEqual(string.Empty, m.Body));

        // Eight days on: the first day's inbound records and markers have expired; today's are new.
        app.Time.Advance(TimeSpan.FromDays(8));
        await app.Get<ConversationService>().HandleAsync(new InboundSms(phone, "DONE", null, Sid(2)), Ct);
        var newHour = Hour(app);
        Assert.True(await app.Get<ILimitStore>().TryCountAsync("addr-203.0.113.7", newHour, 1, Ct));
        var firstSweep = await sweeper.SweepAsync(Ct);

        Assert.Null(await app.Get<IInboundLog>().GetAsync(Sid(1), Ct));
        Assert.NotNull(await app.Get<IInboundLog>().GetAsync(Sid(2), Ct));
        var inbound = await app.Get<IPersonalDataStore>().ListInboundAsync(phone, Ct);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.NotEmpty(inbound.Markers);
        Assert.All(inbound.Markers, m => Assert.EndsWith(today, m, StringComparison.Ordinal));
        // The old hour's counter is gone (a limit of 1 admits again); the new hour's stays (it refuses).
        Assert.True(await app.Get<ILimitStore>().TryCountAsync("addr-203.0.113.7", Hour(CoreHarness.FirstDue), 1, Ct));
        Assert.False(await app.Get<ILimitStore>().TryCountAsync("addr-203.0.113.7", newHour, 1, Ct));
        Assert.True(firstSweep.RecordsDeleted >= 3, $"deleted {firstSweep.RecordsDeleted}");
        Assert.Equal(0, firstSweep.BodiesStripped);
        Assert.All(await app.Get<IMessageLog>().ListAsync(phone, 100, Ct), m => Assert.NotEqual(string.Empty, m.Body));

        // Day 92: a new text goes out; the first day's texts are past 90 days.
        app.Time.Advance(TimeSpan.FromDays(84));
        await app.Get<MessageSender>().RecordReplyAsync(phone, "A newer reply.", Ct);
        var secondSweep = await sweeper.SweepAsync(Ct);

        var messages = await app.Get<IMessageLog>().ListAsync(phone, 100, Ct);
        var cutoff = app.Time.GetUtcNow().AddDays(-90);
        Assert.Equal("A newer reply.", messages[0].Body);
        Assert.All(messages.Where(m => m.At >= cutoff), m => Assert.NotEqual(string.Empty, m.Body));
        Assert.Equal(old.Select(m => m with { Body = string.Empty }), messages.Where(m => m.At < cutoff));
        Assert.Equal(old.Count, secondSweep.BodiesStripped);

        // A repeated sweep finds nothing left to do.
        var third = await sweeper.SweepAsync(Ct);
        Assert.Equal((0, 0), (third.RecordsDeleted, third.BodiesStripped));
    }

    [Theory]
    [InlineData("Retention:InboundDays", "0")]
    [InlineData("Retention:InboundDays", "366")]
    [InlineData("Retention:MessageBodyDays", "0")]
    [InlineData("RetentionSweepSchedule", "every night")]
    public async Task Options_OutOfRangeOrBadSchedule_FailAtStart(string setting, string value)
    {
        await using var app = await CoreHarness.StartAsync("sqlite", null, Ct, new Dictionary<string, string?> { [setting] = value });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Get<Microsoft.Extensions.Options.IOptions<RetentionOptions>>().Value);
        Assert.Contains(setting.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqliteSweep_EveryStatement_IsAnIndexSearchNeverATableScan()
    {
        await using var app = await CoreHarness.StartAsync("sqlite", null, Ct);
        await app.Get<IStoreInitializer>().InitializeAsync(Ct);
        await using var connection = new SqliteConnection($"Data Source={app.Configuration["Storage:SqlitePath"]};Pooling=False");
        await connection.OpenAsync(Ct);

        foreach (var sql in SqliteRetentionStore.ShortLivedStatements.Append(SqliteRetentionStore.StripStatement))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var name in new[] { "$cutoff", "$day", "$win" }.Where(n => sql.Contains(n, StringComparison.Ordinal)))
            {
                command.Parameters.AddWithValue(name, name == "$cutoff" ? 0L : "2026-01-01");
            }

            var plan = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(3));
            }

            Assert.True(plan.Count > 0 && plan.All(step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains("USING", StringComparison.Ordinal)),
                $"{sql} -> {string.Join(" | ", plan)}");
        }
    }

    [Fact]
    public async Task TablesSweep_ManyRowsKept_CostsTheSameRequestsAsNoneKept()
    {
        var lean = await SweepOnTablesAsync(kept: 0);
        var heavy = await SweepOnTablesAsync(kept: 40);

        TestContext.Current.TestOutputHelper?.WriteLine($"sweep of 5 webhooks, 5 markers, 5 bodies: {lean.Requests} requests, {lean.Entities} entities read (none kept); {heavy.Requests} and {heavy.Entities} with 40 of each kept");
        Assert.Equal((10, 5), (lean.Removed, lean.Stripped));
        Assert.Equal((lean.Removed, lean.Stripped), (heavy.Removed, heavy.Stripped));
        Assert.Equal(lean.Requests, heavy.Requests);
        // The only kept rows read: the first manifest row of the next day per kind (webhooks, markers, texts), which
        // tells the sweep to stop.
        Assert.True(heavy.Entities <= lean.Entities + 3, $"{heavy.Entities} entities read with rows kept, {lean.Entities} without");
        Assert.True(heavy.KeptIntact, "a kept row was touched");
    }

    /// <summary>
    /// Fresh tables: 5 webhooks, 5 markers and 5 texted numbers that expire, plus <paramref name="kept"/> of each that do
    /// not (newer webhooks and markers, newer texts in the same partitions and in others); one sweep, counted.
    /// </summary>
    private async Task<(int Requests, int Entities, int Removed, int Stripped, bool KeptIntact)> SweepOnTablesAsync(int kept)
    {
        var counter = new CountingPolicy();
        var tables = await azurite.CreateTablesAsync(Ct, azurite.CreateServiceClient(counter));
        try
        {
            var time = TimeProvider.System;
            var inbound = new TableInboundLog(tables);
            var messages = new TableMessageLog(tables, time);
            var retention = new TableRetentionStore(tables);
            var t0 = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
            var keptAt = t0.AddDays(100);
            var date0 = DateOnly.FromDateTime(t0.UtcDateTime);

            var expiring = Enumerable.Range(0, 5).Select(i => PhoneNumber.FromE164("+1212555" + (1000 + i).ToString(CultureInfo.InvariantCulture))).ToList();
            await retention.NoteOutboundAsync(expiring, t0, Ct);
            for (var i = 0; i < expiring.Count; i++)
            {
                await inbound.TryClaimAsync(new InboundMessage(Sid(100 + i), expiring[i], t0, "ok"), Ct);
                await inbound.TryMarkAsync(expiring[i], "done", date0, Ct);
                await messages.AppendAsync(Text(expiring[i], t0, "old body"), Ct);
            }

            var others = Enumerable.Range(0, kept).Select(i => PhoneNumber.FromE164("+1212555" + (2000 + i).ToString(CultureInfo.InvariantCulture))).ToList();
            await retention.NoteOutboundAsync(others, keptAt, Ct);
            for (var i = 0; i < kept; i++)
            {
                await inbound.TryClaimAsync(new InboundMessage(Sid(200 + i), others[i], t0.AddDays(9), "ok"), Ct);
                await inbound.TryMarkAsync(others[i], "done", date0.AddDays(9), Ct);
                await messages.AppendAsync(Text(others[i], keptAt, "kept body"), Ct);
                await messages.AppendAsync(Text(expiring[i % expiring.Count], keptAt, "kept body"), Ct);
            }

            counter.Reset();
            var shortLived = await retention.ExpireShortLivedAsync(t0.AddDays(8), Ct);
            var bodies = await retention.StripMessageBodiesAsync(t0.AddDays(92), Ct);
            var requests = counter.Requests;
            var entities = counter.EntitiesReturned;

            var intact = true;
            for (var i = 0; i < kept; i++)
            {
                intact &= await inbound.GetAsync(Sid(200 + i), Ct) is not null;
                intact &= (await messages.ListAsync(others[i], 10, Ct)).All(m => m.Body == "kept body");
            }

            foreach (var phone in expiring)
            {
                var list = await messages.ListAsync(phone, 100, Ct);
                intact &= list.Where(m => m.At == keptAt).All(m => m.Body == "kept body");
                Assert.Equal(string.Empty, Assert.Single(list, m => m.At == t0).Body);
            }

            Assert.All(Enumerable.Range(0, 5), i => Assert.Null(inbound.GetAsync(Sid(100 + i), Ct).GetAwaiter().GetResult()));
            return (requests, entities, shortLived.Removed, bodies.Removed, intact);
        }
        finally
        {
            foreach (var table in tables.All)
            {
                await tables.Service.DeleteTableAsync(table.Name, CancellationToken.None);
            }
        }
    }

    private static OutboundMessage Text(PhoneNumber phone, DateTimeOffset at, string body) =>
        new(phone, at, OutboundMessageKinds.Nudge, body, "accepting", SmsSendOutcome.Accepted, "SM" + Guid.NewGuid().ToString("N"));

    private static string Hour(CoreHarness app) => Hour(app.Time.GetUtcNow());

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string Sid(int i) => "SM" + i.ToString("D32", CultureInfo.InvariantCulture);
}
