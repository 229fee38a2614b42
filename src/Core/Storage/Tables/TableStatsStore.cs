using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Daily counters per prompt: PK local date <c>yyyy-MM-dd</c>, RK prompt id, one Int32 property per counter. Beside them,
/// in the same partition, one marker row per counted event (RK <c>~{counter}~{event id}</c>; <c>~</c> sorts after every
/// prompt id). An increment reads the counter row, then submits one transaction: insert the marker, and insert or
/// replace (with the ETag read) the counter row. Both land or neither does, so when the transaction fails the marker
/// tells whether this event was counted already (a retry after a lost response, a repeated event) or the counter
/// changed under us (read again and add one to what the other writer wrote).
/// </summary>
public sealed class TableStatsStore(TableStoreTables tables) : IStatsStore
{
    // Every round of racing writers lets one through, so this bounds the writers that may race on one counter.
    private const int MaxAttempts = 500;
    private const string MarkerPrefix = "~";

    // One transaction holds at most 100 actions: the counter row and up to 99 event markers.
    private const int MaxMarkersPerTransaction = 99;

    private readonly TableClient _table = tables.Stats;

    public async Task IncrementAsync(DateOnly date, string promptId, StatCounter counter, string eventId, CancellationToken cancellationToken)
    {
        Validate(promptId, eventId);
        var partition = Key(date);
        var property = counter.ToString();
        var markerKey = MarkerKey(counter, eventId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await TableWrites.GetAsync(_table, partition, promptId, cancellationToken);
            var marker = new TableTransactionAction(TableTransactionActionType.Add, TableWrites.Entity(partition, markerKey));
            TableTransactionAction row;
            if (existing is null)
            {
                row = new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, promptId) { [property] = 1 });
            }
            else
            {
                existing[property] = (existing.GetInt32(property) ?? 0) + 1;
                row = new TableTransactionAction(TableTransactionActionType.UpdateReplace, existing, existing.ETag);
            }

            try
            {
                await _table.SubmitTransactionAsync([marker, row], cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex) || TableStoreErrors.IsStaleOrMissing(ex))
            {
                if (await TableWrites.GetAsync(_table, partition, markerKey, cancellationToken) is not null)
                {
                    return; // this event is counted already (possibly by our own first attempt)
                }
            }
        }

        throw new InvalidOperationException($"The {counter} counter of {promptId} on {partition} kept changing under {MaxAttempts} attempts.");
    }

    /// <summary>
    /// Per (date, prompt), in chunks of up to 99 events: one read of the counter row and one transaction with the chunk's
    /// event markers and the counter row carrying the sums. When the transaction fails on a marker (an event counted
    /// already: a repeated event, or our own first attempt whose response was lost), or it is not known which action
    /// failed, the chunk is counted one event at a time by <see cref="IncrementAsync"/>; when it fails on the counter row
    /// (another writer changed it), the row is read again and the chunk retried.
    /// </summary>
    public async Task IncrementManyAsync(IReadOnlyList<StatIncrement> increments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(increments);
        foreach (var increment in increments)
        {
            ArgumentNullException.ThrowIfNull(increment);
            Validate(increment.PromptId, increment.EventId);
        }

        var groups = increments
            .DistinctBy(i => (i.Date, i.PromptId, i.Counter, i.EventId))
            .GroupBy(i => (i.Date, i.PromptId));
        foreach (var group in groups)
        {
            foreach (var chunk in group.Chunk(MaxMarkersPerTransaction))
            {
                await IncrementChunkAsync(Key(group.Key.Date), group.Key.PromptId, chunk, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<PromptDayStats>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Key(from)} and PartitionKey le {Key(to)} and RowKey lt {MarkerPrefix}");
        return await QueryAsync(filter, cancellationToken);
    }

    public async Task<bool> WasEverSentAsync(string promptId, CancellationToken cancellationToken)
    {
        TableKeys.Validate(promptId, nameof(promptId));
        return (await QueryAsync(TableClient.CreateQueryFilter($"RowKey eq {promptId}"), cancellationToken)).Any(row => row.Sent > 0 || row.Failed > 0);
    }

    private async Task<List<PromptDayStats>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var rows = (await TableQueries.AllAsync(_table, filter, cancellationToken)).Select(entity => new PromptDayStats(
            DateOnly.ParseExact(entity.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            entity.RowKey,
            entity.GetInt32(nameof(StatCounter.Sent)) ?? 0,
            entity.GetInt32(nameof(StatCounter.Delivered)) ?? 0,
            entity.GetInt32(nameof(StatCounter.Failed)) ?? 0,
            entity.GetInt32(nameof(StatCounter.OptOut)) ?? 0,
            entity.GetInt32(nameof(StatCounter.Done)) ?? 0));
        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.PromptId, StringComparer.Ordinal)];
    }

    private async Task IncrementChunkAsync(string partition, string promptId, StatIncrement[] chunk, CancellationToken cancellationToken)
    {
        var sums = chunk.GroupBy(i => i.Counter).Select(g => (Property: g.Key.ToString(), Count: g.Count())).ToList();
        for (var attempt = 0; chunk.Length > 1 && attempt < MaxAttempts; attempt++)
        {
            var actions = chunk
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, TableWrites.Entity(partition, MarkerKey(i.Counter, i.EventId))))
                .ToList();
            var existing = await TableWrites.GetAsync(_table, partition, promptId, cancellationToken);
            var row = existing ?? new TableEntity(partition, promptId);
            foreach (var (property, count) in sums)
            {
                row[property] = (existing?.GetInt32(property) ?? 0) + count;
            }

            actions.Add(existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == chunk.Length
                && (TableStoreErrors.IsAlreadyExists(ex) || TableStoreErrors.IsStaleOrMissing(ex)))
            {
                // The counter row changed under us: read it again.
            }
            catch (RequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex) || TableStoreErrors.IsStaleOrMissing(ex))
            {
                break; // a marker exists, or which action failed is unknown: count one event at a time
            }
        }

        foreach (var increment in chunk)
        {
            await IncrementAsync(increment.Date, promptId, increment.Counter, increment.EventId, cancellationToken);
        }
    }

    private static void Validate(string promptId, string eventId)
    {
        ArgumentNullException.ThrowIfNull(promptId);
        StatEvents.Validate(eventId);
        TableKeys.Validate(promptId, nameof(promptId));
        if (promptId.StartsWith(MarkerPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A prompt id cannot start with '{MarkerPrefix}'.", nameof(promptId));
        }
    }

    private static string MarkerKey(StatCounter counter, string eventId) => MarkerPrefix + counter.ToString() + MarkerPrefix + eventId;

    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
