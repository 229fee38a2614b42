using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Reminders.Bench.Load;

/// <summary>
/// Azurite's own CPU per request for the point operations of a nudge, on tables of <c>rows</c> rows: with a row key that
/// every partition shares (the old layout: subscriber RK <c>sub</c>, delivery RK <c>{date}</c>) and with a row key of
/// each row's own (the current one: RK phone, RK <c>{phone}|{date}</c>), beside a small insert with a row key of its own
/// (the request the raw-insert ceiling of the load runs is made of). CPU is Azurite's utime + stime from /proc over the
/// measured requests, so the client's share of the two cores does not count.
/// </summary>
internal static class RowKeyCosts
{
    private const string Date = "2026-12-03";
    private const int Warmup = 500;

    public static async Task<string> RunAsync(string mainJs, int rows, int concurrency, TextWriter log)
    {
        await using var azurite = await Azurite.StartAsync(mainJs);
        var service = new TableServiceClient(azurite.ConnectionString(azurite.Endpoint));
        var results = new List<(string Operation, Cost Shared, Cost Own)>();

        async Task<TableClient> TableAsync(string name)
        {
            var table = service.GetTableClient(name);
            await table.CreateIfNotExistsAsync();
            return table;
        }

        // Entities 0..rows-1 are measured; rows.. rows+Warmup-1 warm the same code path first.
        async Task<Cost> MeasureAsync(string what, Func<int, Task> call)
        {
            await RawLoads.RunAsync(concurrency, Warmup, call, offset: rows);
            var ticks = CpuSampler.Ticks(azurite.ProcessId);
            var clock = Stopwatch.StartNew();
            await RawLoads.RunAsync(concurrency, rows, call, offset: 0);
            var seconds = clock.Elapsed.TotalSeconds;
            var cost = new Cost((CpuSampler.Ticks(azurite.ProcessId) - ticks) * 1_000_000.0 / CpuSampler.TicksPerSecond / rows, rows / seconds);
            log.WriteLine($"  {what}: {cost.MicrosecondsPerRequest:F0} us of Azurite's CPU per request, {cost.PerSecond:F0}/s");
            return cost;
        }

        var subsShared = await TableAsync("rkSubsShared");
        var subsOwn = await TableAsync("rkSubsOwn");
        results.Add((
            "insert a subscriber (16 properties)",
            await MeasureAsync("insert subscriber, RK sub", i => subsShared.AddEntityAsync(Subscriber(i, "sub"))),
            await MeasureAsync("insert subscriber, RK phone", i => subsOwn.AddEntityAsync(Subscriber(i, Phones.Number(i))))));
        results.Add((
            "read a subscriber",
            await MeasureAsync("read subscriber, RK sub", i => subsShared.GetEntityAsync<TableEntity>(Phones.Number(i), "sub")),
            await MeasureAsync("read subscriber, RK phone", i => subsOwn.GetEntityAsync<TableEntity>(Phones.Number(i), Phones.Number(i)))));
        results.Add((
            "replace a subscriber",
            await MeasureAsync("replace subscriber, RK sub", i => subsShared.UpdateEntityAsync(Subscriber(i, "sub"), ETag.All, TableUpdateMode.Replace)),
            await MeasureAsync("replace subscriber, RK phone", i => subsOwn.UpdateEntityAsync(Subscriber(i, Phones.Number(i)), ETag.All, TableUpdateMode.Replace))));

        var deliveriesShared = await TableAsync("rkDeliveriesShared");
        var deliveriesOwn = await TableAsync("rkDeliveriesOwn");
        results.Add((
            "insert a delivery claim",
            await MeasureAsync("insert delivery, RK date", i => deliveriesShared.AddEntityAsync(Delivery(i, Date))),
            await MeasureAsync("insert delivery, RK phone|date", i => deliveriesOwn.AddEntityAsync(Delivery(i, Phones.Number(i) + "|" + Date)))));
        results.Add((
            "replace a delivery (its outcome)",
            await MeasureAsync("replace delivery, RK date", i => deliveriesShared.UpdateEntityAsync(Delivery(i, Date), ETag.All, TableUpdateMode.Replace)),
            await MeasureAsync("replace delivery, RK phone|date", i => deliveriesOwn.UpdateEntityAsync(Delivery(i, Phones.Number(i) + "|" + Date), ETag.All, TableUpdateMode.Replace))));

        // Last, when Azurite's code is as warm as for the others (the first requests of a process cost more).
        var small = await TableAsync("rkSmall");
        var baseline = await MeasureAsync("small insert, own row key", i => small.AddEntityAsync(Small(i)));

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Azurite's CPU per request, µs (requests/s), {rows:N0} rows per table, {concurrency} in flight:");
        text.AppendLine();
        text.AppendLine("| request | row key every partition shares (old layout) | row key of the row's own (current layout) |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| small insert (4 properties), the raw ceiling's request | - | {baseline} |");
        foreach (var (operation, shared, own) in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {operation} | {shared} | {own} |");
        }

        return text.ToString();
    }

    private static TableEntity Small(int i) => new("p" + (i % 64).ToString(CultureInfo.InvariantCulture), "r" + i.ToString("D9", CultureInfo.InvariantCulture))
    {
        ["Text"] = "Today's idea: ask someone a question at dinner and listen to the whole answer.",
        ["Count"] = i,
    };

    private static TableEntity Subscriber(int i, string rowKey) => new(Phones.Number(i), rowKey)
    {
        ["Status"] = "active",
        ["TimeZoneId"] = "Europe/Berlin",
        ["SendAt"] = "08:00:00.0000000",
        ["Categories"] = "[\"touch\",\"talk\"]",
        ["Name"] = "Alex",
        ["RecentPromptIds"] = "[\"long-hug\",\"eye-contact\",\"phone-free-dinner\"]",
        ["NextDueUtc"] = new DateTimeOffset(2026, 12, 4, 7, 0, 0, TimeSpan.Zero),
        ["LastSentLocalDate"] = Date,
        ["CreatedAt"] = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero),
        ["UpdatedAt"] = new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero),
        ["ConfirmationSentOn"] = "2026-11-01",
        ["ConsecutivePermanentFailures"] = 0,
        ["DoneCount"] = 3,
        ["Household"] = "partner",
        ["NudgesSent"] = 12,
        ["WriteId"] = Guid.NewGuid().ToString("N"),
    };

    private static TableEntity Delivery(int i, string rowKey) => new(Phones.Number(i), rowKey)
    {
        ["LocalDate"] = Date,
        ["PromptId"] = "long-hug",
        ["Status"] = "Accepted",
        ["ClaimedAt"] = new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero),
        ["UpdatedAt"] = new DateTimeOffset(2026, 12, 3, 7, 0, 1, TimeSpan.Zero),
        ["ProviderMessageId"] = "SM" + i.ToString("D32", CultureInfo.InvariantCulture),
        ["ClaimId"] = Guid.NewGuid().ToString("N"),
    };

    private sealed record Cost(double MicrosecondsPerRequest, double PerSecond)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MicrosecondsPerRequest:F0} ({PerSecond:F0}/s)");
    }
}
