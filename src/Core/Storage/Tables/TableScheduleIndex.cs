using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// The due index in Table Storage (keys in <see cref="ScheduleKeys"/>). A scan queries only the hour partitions it
/// covers, 16 shards each, with a RowKey range, so it reads the rows that are due and not the whole index.
/// The scan cursor lives in the state table. Each row carries the subscriber's <see cref="SchedulePlan"/> (time zone, send
/// time, held flag), so the scan computes the next row without reading the subscriber, and <see cref="MoveManyAsync"/>
/// moves a scan's rows with one entity-group transaction per partition (up to 100 rows each).
/// </summary>
public sealed class TableScheduleIndex(TableStoreTables tables) : IScheduleIndex
{
    /// <summary>Longest span one <see cref="ReadDueAsync"/> may cover (31 days = 11,904 partition queries).</summary>
    public static readonly TimeSpan MaxScanSpan = TimeSpan.FromDays(31);

    private const string CursorPartition = "scan";
    private const string CursorRow = "cursor";
    private const int ParallelQueries = 8;
    private const int MaxTransactionActions = 100;
    private const string TimeZoneProperty = "TimeZoneId";
    private const string SendAtProperty = "SendAt";
    private const string HeldProperty = "Held";
    private static readonly string[] SelectedColumns = ["RowKey", "Phone", "DueUtc", TimeZoneProperty, SendAtProperty, HeldProperty];
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

    /// <summary>
    /// Upserts the new rows, then deletes the old ones, each as entity-group transactions of up to 100 rows of one
    /// partition. A delete transaction that meets a row already gone (another scan, or a retried request whose first
    /// response was lost) fails as a whole and is redone one row at a time, where a missing row is not an error.
    /// </summary>
    public async Task<IReadOnlyList<string?>> MoveManyAsync(IReadOnlyList<ScheduleMove> moves, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moves);
        var added = moves.Where(m => m.To is not null).Select(m => ToEntity(m.To!)).ToList();
        var tags = await SubmitAsync(added, TableTransactionActionType.UpsertReplace, cancellationToken);
        await SubmitAsync([.. moves.Select(m => ToEntity(m.From))], TableTransactionActionType.Delete, cancellationToken);
        return [.. moves.Select(m => m.To is null ? null : tags.GetValueOrDefault((ScheduleKeys.PartitionKey(m.To), ScheduleKeys.RowKey(m.To))))];
    }

    /// <summary>A delete with If-Match <paramref name="tag"/>: 412 (the row was written again) keeps it, 404 is success.</summary>
    public async Task<bool> RemoveIfUnchangedAsync(ScheduleEntry entry, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(tag);
        var entity = ToEntity(entry);
        try
        {
            using var response = await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, new ETag(tag), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
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
        if (entry.Plan is { } plan)
        {
            entity[TimeZoneProperty] = plan.TimeZoneId;
            entity[SendAtProperty] = plan.SendAt.ToString("O", CultureInfo.InvariantCulture);
            entity[HeldProperty] = plan.Held;
        }

        return entity;
    }

    /// <summary>Submits the rows as transactions per partition; returns the new ETag of each upserted row by its keys.</summary>
    private async Task<ConcurrentDictionary<(string, string), string?>> SubmitAsync(
        List<TableEntity> entities, TableTransactionActionType type, CancellationToken cancellationToken)
    {
        var tags = new ConcurrentDictionary<(string, string), string?>();
        var chunks = entities
            .GroupBy(e => e.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.DistinctBy(e => e.RowKey, StringComparer.Ordinal).Chunk(MaxTransactionActions))
            .ToList();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelQueries, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                if (type == TableTransactionActionType.Delete)
                {
                    await DeleteAsync(chunk, token);
                    return;
                }

                var response = await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(type, e)), token);
                for (var i = 0; i < chunk.Length && i < response.Value.Count; i++)
                {
                    tags[(chunk[i].PartitionKey, chunk[i].RowKey)] = response.Value[i].Headers.ETag?.ToString();
                }
            });
        return tags;
    }

    private async Task DeleteAsync(TableEntity[] chunk, CancellationToken cancellationToken)
    {
        if (chunk.Length > 1)
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Some row is gone already: the whole transaction failed, so delete one at a time below.
            }
        }

        foreach (var entity in chunk)
        {
            using var response = await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
        }
    }

    private static ScheduleEntry FromEntity(TableEntity entity) =>
        new(entity.GetString("Phone") ?? entity.RowKey[(entity.RowKey.IndexOf('-', StringComparison.Ordinal) + 1)..],
            entity.GetDateTimeOffset("DueUtc") ?? throw new FormatException($"Schedule row has no DueUtc."))
        {
            // A row without a readable plan (written before rows carried it) is moved by reading its subscriber.
            Plan = entity.GetString(TimeZoneProperty) is { } zone
                && TimeOnly.TryParseExact(entity.GetString(SendAtProperty), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var sendAt)
                ? new SchedulePlan(zone, sendAt, entity.GetBoolean(HeldProperty) ?? false)
                : null,
        };
}
