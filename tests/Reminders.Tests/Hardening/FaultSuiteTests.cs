using System.Text.RegularExpressions;
using Reminders.Core.Delivery;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Hardening;

/// <summary>
/// The daily send under faults, on SQLite and on Azurite: duplicate timer fires, the same batch five times at once, a
/// sender killed between claim and send, 30% SMS provider faults (failed, unknown, rejected, connection reset). At the
/// end every subscriber-day must be sent, skipped, failed or unknown, with no text sent twice; a report is printed.
/// Every log line of the run is checked for full numbers, secrets and message bodies.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed partial class FaultSuiteTests(AzuriteFixture azurite)
{
    private const int Subscribers = 30;
    private const int Days = 3;
    private const string AdminKey = "fault-suite-admin-key-0123456789";
    private const string AuthToken = "fault-suite-auth-token-abcdef0123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task DailySend_UnderFaults_EverySubscriberDayAccountedForAndNoDuplicates(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct, new Dictionary<string, string?>
        {
            ["Admin:ApiKeys:0"] = "tester:" + AdminKey,
            ["Twilio:AuthTokenUnused"] = AuthToken,
        });
        var phones = Enumerable.Range(0, Subscribers).Select(i => $"+1212555{i:D4}").ToList();
        foreach (var phone in phones)
        {
            await app.AddActiveAsync(phone, Ct);
        }

        app.Gateway.FailRandomly(0.3, seed: 14);
        for (var day = 0; day < Days; day++)
        {
            app.Time.SetUtcNow(CoreHarness.FirstDue.AddDays(day).AddMinutes(1));

            // The timer fires twice at once.
            var scans = await Task.WhenAll(app.Get<DueScanner>().ScanAsync(Ct), app.Get<DueScanner>().ScanAsync(Ct));
            var batches = scans.SelectMany(s => s.Batches).ToList();
            TestContext.Current.TestOutputHelper?.WriteLine($"day {day}: scans due {scans[0].Due} + {scans[1].Due}, batches {batches.Count}");

            if (day == 1)
            {
                // An instance claimed subscriber 0's day and was killed before sending.
                var localDate = DateOnly.FromDateTime(CoreHarness.FirstDue.AddDays(day).AddHours(-4).UtcDateTime);
                var now = app.Time.GetUtcNow();
                Assert.True(await app.Get<IDeliveryStore>().TryClaimAsync(
                    new DeliveryRecord(PhoneNumber.FromE164(phones[0]), DeliveryRecord.DailyKey(localDate), localDate, "hug-20s", DeliveryStatus.Claimed, now, now)
                    {
                        ClaimId = DeliveryRecord.NewClaimId(),
                    },
                    Ct));
            }

            // Each batch is delivered five times at once (queue redelivery, a second host).
            await Task.WhenAll(batches.SelectMany(batch => Enumerable.Range(0, 5).Select(_ => SendSwallowingAsync(app, batch))));

            // After the queue's visibility timeout, every batch comes once more: abandoned claims are now past their lease.
            app.Time.Advance(TimeSpan.FromMinutes(11));
            await Task.WhenAll(batches.Select(batch => SendSwallowingAsync(app, batch)));
        }

        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var lost = 0;
        for (var day = 0; day < Days; day++)
        {
            var localDate = DateOnly.FromDateTime(CoreHarness.FirstDue.AddDays(day).AddHours(-4).UtcDateTime);
            foreach (var phone in phones)
            {
                var delivery = await app.Get<IDeliveryStore>().GetAsync(PhoneNumber.FromE164(phone), DeliveryRecord.DailyKey(localDate), Ct);
                var kind = delivery?.Status switch
                {
                    DeliveryStatus.Accepted or DeliveryStatus.Sent or DeliveryStatus.Delivered => "sent",
                    DeliveryStatus.Skipped => "skipped",
                    DeliveryStatus.Failed or DeliveryStatus.Undelivered => "failed",
                    DeliveryStatus.Unknown => "unknown",
                    _ => "lost",
                };
                lost += kind == "lost" ? 1 : 0;
                if (kind == "lost")
                {
                    TestContext.Current.TestOutputHelper?.WriteLine($"lost: day {day} {PhoneNumber.Mask(phone)} {delivery?.Status}");
                }

                outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            }
        }

        var duplicates = app.Gateway.Calls.GroupBy(c => (c.To.Value, c.DeliveryKey)).Count(g => g.Count() > 1);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"fault suite on {store}: {Subscribers * Days} subscriber-days, gateway calls {app.Gateway.Calls.Count}, duplicates {duplicates}, losses {lost}, "
            + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));

        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.Equal(Subscribers * Days, outcomes.Values.Sum());
        Assert.True(outcomes.GetValueOrDefault("sent") > 0 && outcomes.GetValueOrDefault("failed") > 0 && outcomes.GetValueOrDefault("unknown") > 0);
        var killed = await app.Get<IDeliveryStore>().GetAsync(
            PhoneNumber.FromE164(phones[0]), DeliveryRecord.DailyKey(DateOnly.FromDateTime(CoreHarness.FirstDue.AddDays(1).UtcDateTime)), Ct);
        Assert.Equal(DeliveryStatus.Unknown, killed?.Status);
        Assert.DoesNotContain(app.Gateway.Calls, c => c.To.Value == phones[0] && c.DeliveryKey == killed!.Key);

        AssertNoPii(app, app.Gateway.Calls.Select(c => c.Body).Distinct().ToList());
    }

    /// <summary>Fails on any full E.164 number, the auth token, the admin key or a message body in any captured log line.</summary>
    internal static void AssertNoPii(CoreHarness app, IReadOnlyList<string> bodies)
    {
        var lines = app.Logs.Lines.ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.False(FullNumber().IsMatch(line.Text), $"A full phone number reached the log: {line.Category} {line.EventId}: {FullNumber().Match(line.Text).Value}");
            Assert.DoesNotContain(AuthToken, line.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(AdminKey, line.Text, StringComparison.Ordinal);
            foreach (var body in bodies)
            {
                Assert.DoesNotContain(body, line.Text, StringComparison.Ordinal);
            }
        }
    }

    private static async Task SendSwallowingAsync(CoreHarness app, NudgeBatch batch)
    {
        try
        {
            await app.Get<BatchSender>().SendAsync(batch, Ct);
        }
        catch (HttpRequestException)
        {
            // The injected connection reset ends this delivery of the batch, as it would end a queue-triggered run.
        }
    }

    [GeneratedRegex(@"\+?\d[\d\s().-]{9,}\d")]
    private static partial Regex FullNumber();
}
