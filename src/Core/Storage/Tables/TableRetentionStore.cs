using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Reminders.Core.Subscribers;
using M = Reminders.Core.Storage.Tables.TableRetentionManifest;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// <see cref="IRetentionStore"/> on Table Storage. The sweep never scans a data table: it reads the oldest day of each
/// manifest kind (<see cref="TableRetentionManifest"/>), acts on the rows that day names, deletes that day's manifest
/// and moves to the next, until it reaches a day that has not expired. Stats event markers are found by day as well:
/// they share the Stats partition of their local date, and a watermark row in State says which days are done.
/// Requests: one per expiring row, one per manifest row, one query per expiring day and kind, and one to learn that
/// the next day has not expired; none per row kept.
/// </summary>
public sealed class TableRetentionStore(TableStoreTables tables) : IRetentionStore
{
    private const int MaxBatch = 100;
    private const string StatePartition = "retention";
    private const string StatsWatermarkRow = "stats-markers";
    private const string ThroughProperty = "Through";
    private const string StatsMarkerPrefix = "~";

    public Task NoteOutboundAsync(IReadOnlyCollection<PhoneNumber> phones, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phones);
        return M.NoteMessagesAsync(tables, phones, at, cancellationToken);
    }

    public async Task<RetentionSweepCounts> ExpireShortLivedAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = M.Day(cutoff);
        var counts = await SweepKindAsync(M.Seen, before, row => DeleteAsync(tables.InboundSeen, row.RowKey, TableInboundLog.SeenRowKey, cancellationToken), cancellationToken);
        counts += await SweepKindAsync(
            M.Mark, before, row => DeleteAsync(tables.InboundSeen, row.GetString(M.PhoneProperty), row.GetString(M.TargetRowProperty), cancellationToken), cancellationToken);
        counts += await SweepKindAsync(
            M.Limit, before, row => DeleteAsync(tables.Limits, row.GetString(M.TargetPartitionProperty), row.GetString(M.TargetRowProperty), cancellationToken), cancellationToken);
        counts += await SweepStatsMarkersAsync(before, cancellationToken);
        return counts;
    }

    public async Task<RetentionSweepCounts> StripMessageBodiesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // A batch noted late on day D may text just after midnight, so day D is read once D + 1 has expired too; each
        // number's partition is then stripped of every body older than the cutoff, whichever day noted it.
        var before = M.Day(cutoff).AddDays(-1);
        return await SweepKindAsync(
            M.Message,
            before,
            async row =>
            {
                var stripped = 0;
                foreach (var phone in (row.GetString(M.PhonesProperty) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    stripped += await StripPartitionAsync(phone, cutoff, cancellationToken);
                }

                return stripped;
            },
            cancellationToken);
    }

    /// <summary>Removes <paramref name="phone"/> from every manifest row that names it (erase).</summary>
    internal static async Task ForgetAsync(TableStoreTables tables, PhoneNumber phone, CancellationToken cancellationToken)
    {
        // Markers of the last Retention:InboundDays days only: few rows.
        var marks = await TableQueries.AllAsync(tables.Retention, M.KindFilter(M.Mark), cancellationToken, ["PartitionKey", "RowKey", M.PhoneProperty]);
        foreach (var row in marks.Where(r => r.GetString(M.PhoneProperty) == phone.Value))
        {
            using var response = await tables.Retention.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }

        var batches = await TableQueries.AllAsync(tables.Retention, M.KindFilter(M.Message), cancellationToken, ["PartitionKey", "RowKey", M.PhonesProperty]);
        foreach (var row in batches)
        {
            var phones = (row.GetString(M.PhonesProperty) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (!phones.Contains(phone.Value, StringComparer.Ordinal))
            {
                continue;
            }

            var rest = phones.Where(p => p != phone.Value).ToList();
            if (rest.Count == 0 || row.RowKey == phone.Value)
            {
                using var deleted = await tables.Retention.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                if (rest.Count == 0)
                {
                    continue;
                }
            }

            // Keep the other numbers; a row keyed by the erased number itself moves under a key that does not name it.
            var rowKey = row.RowKey == phone.Value ? "erased-" + TableWrites.NewId() : row.RowKey;
            var kept = new TableEntity(row.PartitionKey, rowKey) { [M.PhonesProperty] = string.Join(',', rest) };
            using var response = await tables.Retention.UpsertEntityAsync(kept, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Processes the manifest days of <paramref name="kind"/> before <paramref name="before"/>, oldest first.</summary>
    private async Task<RetentionSweepCounts> SweepKindAsync(
        string kind, DateOnly before, Func<TableEntity, Task<int>> expire, CancellationToken cancellationToken)
    {
        var counts = RetentionSweepCounts.None;
        while (await OldestPartitionAsync(kind, cancellationToken) is { } partition
            && M.ParseDay(kind, partition) is { } day
            && day < before)
        {
            var rows = await TableQueries.AllAsync(tables.Retention, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken);
            var removed = 0;
            foreach (var row in rows)
            {
                removed += await expire(row);
            }

            await DeleteRowsAsync(tables.Retention, rows, cancellationToken);
            counts += new RetentionSweepCounts(removed, rows.Count);
        }

        return counts;
    }

    private async Task<string?> OldestPartitionAsync(string kind, CancellationToken cancellationToken)
    {
        // The service returns rows in key order, and may return empty pages before the first row; the SDK pages on.
        await foreach (var row in tables.Retention.QueryAsync<TableEntity>(M.KindFilter(kind), 1, ["PartitionKey"], cancellationToken))
        {
            return row.PartitionKey;
        }

        return null;
    }

    private async Task<RetentionSweepCounts> SweepStatsMarkersAsync(DateOnly before, CancellationToken cancellationToken)
    {
        var last = before.AddDays(-1);
        var watermark = await TableWrites.GetAsync(tables.State, StatePartition, StatsWatermarkRow, cancellationToken);
        DateOnly? from = watermark?.GetString(ThroughProperty) is { } through
            ? DateOnly.ParseExact(through, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1)
            : await OldestStatsDayAsync(cancellationToken);
        if (from is not { } first || first > last)
        {
            return RetentionSweepCounts.None;
        }

        var removed = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var partition = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var markers = await TableQueries.AllAsync(
                tables.Stats, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {StatsMarkerPrefix}"), cancellationToken, ["PartitionKey", "RowKey"]);
            await DeleteRowsAsync(tables.Stats, markers, cancellationToken);
            removed += markers.Count;
        }

        var mark = TableWrites.Entity(StatePartition, StatsWatermarkRow);
        mark[ThroughProperty] = last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await tables.State.UpsertEntityAsync(mark, TableUpdateMode.Replace, cancellationToken);
        return new RetentionSweepCounts(removed, 0);
    }

    private async Task<DateOnly?> OldestStatsDayAsync(CancellationToken cancellationToken)
    {
        await foreach (var row in tables.Stats.QueryAsync<TableEntity>(filter: (string?)null, 1, ["PartitionKey"], cancellationToken))
        {
            return DateOnly.TryParseExact(row.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
        }

        return null;
    }

    private async Task<int> StripPartitionAsync(string phone, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(phone))
        {
            return 0;
        }

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {phone} and RowKey gt {NewestFirstRowKey.OlderThan(cutoff)} and Body gt {string.Empty}");
        var rows = await TableQueries.AllAsync(tables.Messages, filter, cancellationToken, ["PartitionKey", "RowKey"]);
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            var actions = chunk.Select(r => new TableTransactionAction(
                TableTransactionActionType.UpdateMerge, new TableEntity(r.PartitionKey, r.RowKey) { ["Body"] = string.Empty }, ETag.All));
            try
            {
                await tables.Messages.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // A row went missing meanwhile (an erase): strip one by one, skipping the gone.
                foreach (var row in chunk)
                {
                    try
                    {
                        using var response = await tables.Messages.UpdateEntityAsync(
                            new TableEntity(row.PartitionKey, row.RowKey) { ["Body"] = string.Empty }, ETag.All, TableUpdateMode.Merge, cancellationToken);
                    }
                    catch (RequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
                    {
                    }
                }
            }
        }

        return rows.Count;
    }

    private static async Task<int> DeleteAsync(TableClient table, string? partitionKey, string? rowKey, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsValid(partitionKey) || !TableKeys.IsValid(rowKey))
        {
            return 0;
        }

        // 404 (already gone: erased, released, or a repeated sweep) is not an error for DeleteEntityAsync.
        using var response = await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        return response.Status == 204 ? 1 : 0;
    }

    private static async Task DeleteRowsAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(MaxBatch))
            {
                try
                {
                    await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
                }
                catch (TableTransactionFailedException)
                {
                    foreach (var row in chunk)
                    {
                        using var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                    }
                }
            }
        }
    }
}
