using System.Globalization;
using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>
/// Counts the table requests (every attempt on the wire) that one nudge costs on the scan path (DueScan) and on the
/// send path (SendBatch), with the services wired as in production. The figures are printed; docs/benchmarks.md quotes
/// them. Run: <c>dotnet test tests/Reminders.Tests --filter "FullyQualifiedName~TableRequestsPerNudgeTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TableRequestsPerNudgeTests(AzuriteFixture azurite)
{
    // One full batch (DeliveryOptions.BatchSize): the realistic case at a round send time, when many are due at once.
    private const int Subscribers = 100;
    private const int Prompts = 20;

    private static readonly DateOnly Day = DateOnly.FromDateTime(TableAppHarness.Due.AddHours(-4).DateTime);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScanAndSend_HundredSubscribersDue_AtMostSixRequestsPerNudge()
    {
        var counter = new CountingPolicy();
        await using var app = await TableAppHarness.StartAsync(azurite, Ct, counter);
        var phones = await app.SeedAsync(Subscribers, Ct);
        // A library of prompts, as in production: the batch's stats touch many counter rows of the day.
        foreach (var i in Enumerable.Range(1, Prompts - 1))
        {
            await app.Get<IPromptStore>().TryInsertAsync(
                new Prompt($"idea-{i:D2}", $"Idea number {i} for today.", PromptCategories.All[0], "anyone", "Why it helps.", "ideas.md"), Ct);
        }

        var shards = phones.Select(p => ScheduleKeys.Shard(p.Value)).Distinct().Count();
        // Steady state: the previous scan ran one interval ago, so this one covers one UTC hour (16 shard partitions).
        await app.Get<IScheduleIndex>().SetScanCursorAsync(TableAppHarness.Due.AddMinutes(-4), Ct);

        counter.Reset();
        var scan = await app.Get<DueScanner>().ScanAsync(Ct);
        var scanRequests = counter.Requests;
        var scanLog = counter.Log.ToList();

        counter.Reset();
        var sent = 0;
        foreach (var batch in scan.Batches)
        {
            sent += (await app.Get<BatchSender>().SendAsync(batch, Ct)).Sent;
        }

        var sendRequests = counter.Requests;
        var sendLog = counter.Log.ToList();

        Assert.Equal(Subscribers, scan.Due);
        Assert.Equal(Subscribers, sent);
        Report("scan", scanRequests, scanLog);
        Report("send", sendRequests, sendLog);

        // Scan: 16 partition queries + cursor read and write per scan; the rows carry the plan, so no subscriber is read:
        // per shard one transaction upserting the next rows and one deleting the due rows (a plain delete for a single row).
        Assert.Equal(16 + 2 + shards + shards, scanRequests);
        // Send: the prompt list and the retention note of the batch's numbers (one row for up to 100 nudges,
        // docs/architecture.md "Retention") once per batch; per nudge 5: read the subscriber, claim (insert), log the message, the
        // outcome (replace If-Match the claim's ETag), the subscriber (replace If-Match the ETag read, carrying the next due
        // instant); stats once per batch and date: one query for the day's counter rows and transactions of up to 100
        // actions (the events' markers and the counter rows of their prompts).
        var prompts = (await app.Get<IStatsStore>().ReadAsync(Day, Day, Ct)).Count;
        Assert.Equal(2 + (5 * Subscribers) + 1 + (int)Math.Ceiling((Subscribers + prompts) / 100.0), sendRequests);
        Assert.True(
            scanRequests + sendRequests <= 6 * Subscribers,
            $"{scanRequests + sendRequests} table requests for {Subscribers} nudges; the budget is 6 per nudge.");

        // The next day's rows are in place and the subscribers point at them: the next scan finds them all due again.
        var nextDue = TableAppHarness.Due.AddDays(1);
        var next = await app.Get<IScheduleIndex>().ReadDueAsync(nextDue, nextDue, Ct);
        Assert.Equal(Subscribers, next.Count);
        Assert.All(next, row => Assert.NotNull(row.Plan));
        foreach (var phone in phones.Take(3))
        {
            Assert.Equal(nextDue, (await app.Get<ISubscriberStore>().GetAsync(phone, Ct))!.Value.NextDueUtc);
        }

        Assert.Empty(await app.Get<IScheduleIndex>().ReadDueAsync(TableAppHarness.Due, TableAppHarness.Due, Ct));
        Assert.Equal(Subscribers, (await app.Get<IStatsStore>().ReadAsync(Day, Day, Ct)).Sum(row => row.Sent));
        Assert.True(prompts > 1, "the batch's nudges spread over several prompts");
    }

    private static void Report(string path, int requests, List<string> log)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"{path} path: {requests} table requests for {Subscribers} nudges = {requests / (double)Subscribers:0.0} per nudge"));
        foreach (var group in log.Select(Strip).GroupBy(l => l).OrderByDescending(g => g.Count()))
        {
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Count(),4}  {group.Key}"));
        }
    }

    // "GET t1234abcdSubscribers" -> "GET Subscribers": drop the per-test table prefix.
    private static string Strip(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var target = line[(space + 1)..];
        return line[..space] + " " + (target.StartsWith('t') && target.Length > 13 ? target[13..] : target);
    }
}
