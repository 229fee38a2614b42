using System.Globalization;
using Reminders.Core.Delivery;
using Reminders.Core.Storage;
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
    private const int Subscribers = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScanAndSend_TenSubscribersDue_RequestsPerNudgeStayWithinBudget()
    {
        var counter = new CountingPolicy();
        await using var app = await TableAppHarness.StartAsync(azurite, Ct, counter);
        await app.SeedAsync(Subscribers, Ct);
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

        // Scan: 16 partition queries + cursor read and write per scan; per due subscriber: read it, add the next index
        // row, replace it, remove the old row.
        Assert.Equal(16 + 2 + (4 * Subscribers), scanRequests);
        // Send: per batch the prompt list and the retention note of the batch's numbers (one row for up to 100 nudges,
        // docs/architecture.md "Retention"); per nudge 9 (the target is 6): read the subscriber, claim, log the
        // message, read + replace the delivery (advance), read + replace the subscriber (recent prompts), read the stats
        // row + one transaction (event marker and counter). docs/benchmarks.md says where the 3 extra go.
        Assert.Equal(2 + (9 * Subscribers), sendRequests);
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
