using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// The due index in Table Storage (keys in <see cref="ScheduleKeys"/>). A scan queries only the hour partitions it
/// covers, 16 shards each, with a RowKey range, so it reads the rows that are due and not the whole index.
/// The scan cursor lives in the state table.
/// </summary>
public sealed class TableScheduleIndex(TableStoreTables tables) : IScheduleIndex
{
    /// <summary>Longest span one <see cref="ReadDueAsync"/> may cover (31 days = 11,904 partition queries).</summary>
    public static readonly TimeSpan MaxScanSpan = TimeSpan.FromDays(31);

    private const string CursorPartition = "scan";
    private const string CursorRow = "cursor";
    private const int ParallelQueries = 8;
    private static readonly string[] SelectedColumns = ["RowKey", "Phone", "DueUtc"];
    private readonly TableClient _table = tables.Schedule;
    private readonly TableClient _state = tables.State;

    public async Task AddAsync(ScheduleEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // An upsert: a retried request writes the same row again.
        using var response = await _table.UpsertEntityAsync(ToEntity(entry), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task RemoveAsync(ScheduleEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = ToEntity(entry);
        // 404 (already gone, or a retried delete) is not an error for the SDK.
        using var response = await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
    }

    /// <summary>
    /// Rows due in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>], in due order (then phone). Spans longer than
    /// <see cref="MaxScanSpan"/> are refused with <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    public async Task<IReadOnlyList<ScheduleEntry>> ReadDueAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken)
    {
        if (toUtc < fromUtc)
        {
            return [];
        }

        if (toUtc - fromUtc > MaxScanSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(toUtc), $"A due scan covers at most {MaxScanSpan.TotalDays} days.");
        }

        var lower = ScheduleKeys.SecondKey(ScheduleKeys.TruncateToSecond(fromUtc));
        var upper = ScheduleKeys.SecondKey(ScheduleKeys.TruncateToSecond(toUtc).AddSeconds(1));
        var partitions = new List<string>();
        for (var hour = ScheduleKeys.HourOf(fromUtc); hour <= toUtc; hour = hour.AddHours(1))
        {
            for (var shard = 0; shard < ScheduleKeys.ShardCount; shard++)
            {
                partitions.Add(ScheduleKeys.PartitionKey(hour, shard));
            }
        }

        var found = new ConcurrentBag<ScheduleEntry>();
        await Parallel.ForEachAsync(
            partitions,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelQueries, CancellationToken = cancellationToken },
            async (partition, token) =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lower} and RowKey lt {upper}");
                await foreach (var entity in _table.QueryAsync<TableEntity>(filter, TableQueries.MaxPageSize, SelectedColumns, token))
                {
                    var entry = FromEntity(entity);
                    if (entry.DueUtc >= fromUtc && entry.DueUtc <= toUtc)
                    {
                        found.Add(entry);
                    }
                }
            });

        return [.. found.OrderBy(e => e.DueUtc).ThenBy(e => e.Phone, StringComparer.Ordinal)];
    }

    public async Task<DateTimeOffset?> GetScanCursorAsync(CancellationToken cancellationToken)
    {
        var entity = await TableWrites.GetAsync(_state, CursorPartition, CursorRow, cancellationToken);
        return entity?.GetDateTimeOffset("ScannedThroughUtc");
    }

    public async Task SetScanCursorAsync(DateTimeOffset scannedThroughUtc, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(CursorPartition, CursorRow) { ["ScannedThroughUtc"] = scannedThroughUtc };
        using var response = await _state.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The row for <paramref name="entry"/> (also used to bulk-load the index in tests and tools).</summary>
    internal static TableEntity ToEntity(ScheduleEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = TableWrites.Entity(ScheduleKeys.PartitionKey(entry), ScheduleKeys.RowKey(entry));
        entity["Phone"] = entry.Phone;
        entity["DueUtc"] = entry.DueUtc;
        return entity;
    }

    private static ScheduleEntry FromEntity(TableEntity entity) =>
        new(entity.GetString("Phone") ?? entity.RowKey[(entity.RowKey.IndexOf('-', StringComparison.Ordinal) + 1)..],
            entity.GetDateTimeOffset("DueUtc") ?? throw new FormatException($"Schedule row has no DueUtc."));
}
