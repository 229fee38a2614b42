using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Data.Sqlite;
using Reminders.Core.Conversations;
using Reminders.Core.Privacy;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Hardening;

/// <summary>
/// Erase removes everything keyed by the number from every table of both stores (read back table by table), keeps the
/// consent log under a pseudonym, and a stopped-then-erased number cannot be made active again by signup or PATCH;
/// only an opt-in texted from the number can.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class EraseTests(AzuriteFixture azurite)
{
    private const string Target = "+12125550100";
    private const string TargetDigits = "2125550100";
    private const string Bystander = "+12125550101";
    private const string BystanderBody = "A text for the bystander only.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task Erase_StoppedSubscriberWithHistory_NoTableHoldsNumberOrBodiesAndNumberStaysSuppressed(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct);
        var phone = PhoneNumber.FromE164(Target);
        var replies = await LiveThroughADayAsync(app, phone);
        Assert.NotNull(await app.Get<SubscriberUpdater>().InsertAsync(CoreHarness.Active(Bystander) with { NextDueUtc = CoreHarness.FirstDue.AddDays(5) }, Ct));
        await app.Get<IMessageLog>().AppendAsync(
            new OutboundMessage(PhoneNumber.FromE164(Bystander), app.Time.GetUtcNow(), OutboundMessageKinds.Nudge, BystanderBody, "accepting", SmsSendOutcome.Accepted, "SMb"), Ct);
        var bodies = (await app.Get<IMessageLog>().ListAsync(phone, 100, Ct)).Select(m => m.Body).Concat(replies).Where(b => b.Length > 0).Distinct().ToList();
        Assert.True(bodies.Count >= 3, "the target should have a confirmation, a nudge and replies");
        Assert.Contains(await DumpAsync(app, store), row => row.Text.Contains(TargetDigits, StringComparison.Ordinal));

        Assert.True(await app.Get<SubscriptionService>().EraseAsync(phone, "admin-test", Ct));

        var rows = await DumpAsync(app, store);
        Assert.DoesNotContain(rows, row => row.Text.Contains(TargetDigits, StringComparison.Ordinal));
        foreach (var body in bodies)
        {
            // The prompt library holds the prompt texts as content, not as messages to anyone.
            Assert.DoesNotContain(rows, row => !IsPromptLibrary(row.Table) && row.Text.Contains(body, StringComparison.Ordinal));
        }

        // The bystander is untouched; the consent log is kept, under a pseudonym, and the number is suppressed.
        Assert.Contains(rows, row => row.Text.Contains(BystanderBody, StringComparison.Ordinal));
        Assert.NotNull(await app.Get<ISubscriberStore>().GetAsync(PhoneNumber.FromE164(Bystander), Ct));
        var export = await app.Get<PersonalDataService>().ExportAsync(phone, Ct);
        Assert.NotNull(export);
        Assert.Null(export.Subscriber);
        Assert.Empty(export.Messages);
        Assert.Empty(export.Deliveries);
        Assert.True(export.Suppressed);
        Assert.Contains(export.Consent, e => e.Kind == ConsentEventKinds.Stopped);
        Assert.Contains(export.Consent, e => e.Kind == ConsentEventKinds.Erased);

        // Neither a web signup nor an admin PATCH makes it active again, and nothing is texted to it.
        var sentBefore = app.Gateway.CountTo(Target);
        var signup = await QueuedConfirmations.SignUpAndDeliverAsync(app.Get<SubscriptionService>(), app.Get<ConfirmationSender>(), new SignupRequest(Target, "America/New_York", "09:30", null, null, "203.0.113.9"), Ct);
        Assert.Equal(SignupOutcome.Stopped, signup.Outcome);
        var patch = await app.Get<SubscriptionService>().UpdateAsync(phone, new SubscriptionChanges(null, null, null, "active", null, null), "admin-test", Ct);
        Assert.True(patch.NotFound);
        Assert.Null(await app.Get<ISubscriberStore>().GetAsync(phone, Ct));
        Assert.Equal(sentBefore, app.Gateway.CountTo(Target));

        // An opt-in texted from the number does, and lifts the suppression.
        await app.Get<ConversationService>().HandleAsync(new InboundSms(phone, "START", null, Sid(9)), Ct);
        Assert.Equal(SubscriberStatus.Active, (await app.Get<ISubscriberStore>().GetAsync(phone, Ct))?.Value.Status);
        Assert.False(await app.Get<PersonalDataService>().IsSuppressedAsync(phone, Ct));
        FaultSuiteTests.AssertNoPii(app, [.. bodies, BystanderBody]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task Erase_ActiveSubscriberNeverStopped_IsNotSuppressedAndMaySignUpAgain(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct);
        var phone = PhoneNumber.FromE164(Target);
        await app.AddActiveAsync(Target, Ct);

        Assert.True(await app.Get<SubscriptionService>().EraseAsync(phone, "admin-test", Ct));
        Assert.False(await app.Get<SubscriptionService>().EraseAsync(PhoneNumber.FromE164("+12125550199"), "admin-test", Ct));

        Assert.False(await app.Get<PersonalDataService>().IsSuppressedAsync(phone, Ct));
        var signup = await QueuedConfirmations.SignUpAndDeliverAsync(app.Get<SubscriptionService>(), app.Get<ConfirmationSender>(), new SignupRequest(Target, "America/New_York", "09:30", null, null, null), Ct);
        Assert.Equal(SignupOutcome.Created, signup.Outcome);
    }

    [Fact]
    public async Task Export_SubscriberWithHistory_HoldsSubscriberConsentDeliveriesMessagesAndInbound()
    {
        await using var app = await CoreHarness.StartAsync("sqlite", null, Ct);
        var phone = PhoneNumber.FromE164(Target);
        await LiveThroughADayAsync(app, phone);

        var export = await app.Get<PersonalDataService>().ExportAsync(phone, Ct);

        Assert.NotNull(export);
        Assert.Equal(Target, export.Phone);
        Assert.Equal(SubscriberStatus.Stopped, export.Subscriber?.Status);
        // The nudge, and the confirmation the queue worker claimed as {date}-confirm.
        Assert.Equal(["2026-06-10", "2026-06-10-confirm"], export.Deliveries.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Contains(export.Messages, m => m.Kind == OutboundMessageKinds.Nudge);
        Assert.Equal(3, export.Inbound.Messages.Count);
        Assert.NotEmpty(export.Inbound.Markers);
        Assert.Contains(export.Consent, e => e.Kind == ConsentEventKinds.SignedUp);
        Assert.NotNull(export.ScanQuarantine);
        Assert.False(export.Suppressed);
        Assert.Null(await app.Get<PersonalDataService>().ExportAsync(PhoneNumber.FromE164("+12125550199"), Ct));
    }

    [Fact]
    public async Task Start_SuppressionKeyTooShort_FailsValidation()
    {
        await using var app = await CoreHarness.StartAsync("sqlite", null, Ct, new Dictionary<string, string?> { ["Privacy:SuppressionKey"] = Convert.ToBase64String(new byte[16]) });
        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Get<Microsoft.Extensions.Options.IOptions<PrivacyOptions>>().Value);
        Assert.Contains("Privacy:SuppressionKey", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_ConfiguredKey_IsHmacOfE164AndDiffersByKey()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        await using var app = await CoreHarness.StartAsync("sqlite", null, Ct, new Dictionary<string, string?> { ["Privacy:SuppressionKey"] = key });
        var hash = await app.Get<NumberHasher>().HashAsync(PhoneNumber.FromE164(Target), Ct);

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes(Target)));
        Assert.Equal(expected, hash);
        await using var other = await CoreHarness.StartAsync("sqlite", null, Ct);
        Assert.NotEqual(hash, await other.Get<NumberHasher>().HashAsync(PhoneNumber.FromE164(Target), Ct));
    }

    /// <summary>Signup, YES, a nudge, DONE, a stray text, STOP, and a scan failure: a row in every table keyed by the number.</summary>
    private static async Task<List<string>> LiveThroughADayAsync(CoreHarness app, PhoneNumber phone)
    {
        var replies = new List<string>();
        var signup = await QueuedConfirmations.SignUpAndDeliverAsync(app.Get<SubscriptionService>(), app.Get<ConfirmationSender>(), new SignupRequest(phone.Value, "America/New_York", "09:30", null, "Zelda", "203.0.113.7"), Ct);
        Assert.Equal(SignupOutcome.Created, signup.Outcome);
        var conversations = app.Get<ConversationService>();
        replies.Add((await conversations.HandleAsync(new InboundSms(phone, "YES", null, Sid(1)), Ct)).Reply ?? string.Empty);
        app.Time.SetUtcNow(CoreHarness.FirstDue.AddMinutes(1));
        var scan = await app.ScanAndSendAsync(Ct);
        Assert.Equal(1, scan.Due);
        replies.Add((await conversations.HandleAsync(new InboundSms(phone, "DONE", null, Sid(2)), Ct)).Reply ?? string.Empty);
        replies.Add((await conversations.HandleAsync(new InboundSms(phone, "STOP", null, Sid(3)), Ct)).Reply ?? string.Empty);
        await app.Get<IScanQuarantine>().RecordFailureAsync(new ScheduleEntry(phone.Value, CoreHarness.FirstDue), "test failure", app.Time.GetUtcNow(), Ct);
        return replies;
    }

    private static string Sid(int i) => "SM" + i.ToString("D32", CultureInfo.InvariantCulture);

    private static bool IsPromptLibrary(string table) =>
        table.EndsWith("prompts", StringComparison.OrdinalIgnoreCase) || table.EndsWith("PromptChanges", StringComparison.OrdinalIgnoreCase)
        || table.Equals("prompt_changes", StringComparison.Ordinal);

    /// <summary>Every row of every table of the store, as text (keys and every column).</summary>
    private static async Task<List<(string Table, string Text)>> DumpAsync(CoreHarness app, string store)
    {
        var rows = new List<(string Table, string Text)>();
        if (store == "sqlite")
        {
            await using var connection = new SqliteConnection($"Data Source={app.Configuration["Storage:SqlitePath"]};Pooling=False");
            await connection.OpenAsync(Ct);
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
                await using var reader = await list.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.Contains("outbound_messages", tables);
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\";";
                await using var reader = await select.ExecuteReaderAsync(Ct);
                while (await reader.ReadAsync(Ct))
                {
                    var text = new StringBuilder();
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.GetValue(i);
                        text.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture)).Append('|');
                    }

                    rows.Add((table, text.ToString()));
                }
            }

            return rows;
        }

        var service = app.Get<TableServiceClient>();
        var prefix = app.Configuration["Storage:TablesPrefix"]!;
        var names = new List<string>();
        await foreach (var item in service.QueryAsync(cancellationToken: Ct))
        {
            if (item.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(item.Name);
            }
        }

        Assert.Equal(app.Get<Reminders.Core.Storage.Tables.TableStoreTables>().All.Count, names.Count);
        foreach (var name in names)
        {
            await foreach (var entity in service.GetTableClient(name).QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                rows.Add((name, string.Join("|", entity.Select(p => p.Key + "=" + (p.Value is byte[] b ? Encoding.UTF8.GetString(b) : Convert.ToString(p.Value, CultureInfo.InvariantCulture))))));
            }
        }

        return rows;
    }
}
