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

    // One entity-group transaction holds at most 100 actions (event markers and counter rows).
    private const int MaxTransactionActions = 100;

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
    /// Per date (one partition): one query for the day's counter rows, then transactions of up to 100 actions, each with
    /// its events' markers and the counter rows of their prompts carrying the sums (ETag-conditional; the ETags a
    /// transaction returns serve the next one). When a transaction fails on a counter row (another writer changed it),
    /// the rows are read again and it is retried; when it fails on a marker (an event counted already: a repeated event,
    /// or our own first attempt whose response was lost), or it is not known which action failed, its events are counted
    /// one at a time by <see cref="IncrementAsync"/>.
    /// </summary>
    public async Task IncrementManyAsync(IReadOnlyList<StatIncrement> increments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(increments);
        foreach (var increment in increments)
        {
            ArgumentNullException.ThrowIfNull(increment);
            Validate(increment.PromptId, increment.EventId);
        }

        var days = increments
            .DistinctBy(i => (i.Date, i.PromptId, i.Counter, i.EventId))
            .GroupBy(i => i.Date);
        foreach (var day in days)
        {
            var partition = Key(day.Key);
            Dictionary<string, TableEntity>? rows = null;
            foreach (var chunk in Chunks([.. day.OrderBy(i => i.PromptId, StringComparer.Ordinal)]))
            {
                rows ??= await ReadCountersAsync(partition, cancellationToken);
                if (!await TryIncrementChunkAsync(partition, chunk, rows, cancellationToken))
                {
                    foreach (var increment in chunk)
                    {
                        await IncrementAsync(increment.Date, increment.PromptId, increment.Counter, increment.EventId, cancellationToken);
                    }

                    rows = null; // changed by the single increments
                }
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

    /// <summary>Splits one day's events (sorted by prompt) so that markers plus one counter row per prompt fit a transaction.</summary>
    private static IEnumerable<List<StatIncrement>> Chunks(List<StatIncrement> events)
    {
        var chunk = new List<StatIncrement>();
        var prompts = 0;
        foreach (var increment in events)
        {
            var newPrompt = chunk.Count == 0 || chunk[^1].PromptId != increment.PromptId;
            if (chunk.Count + prompts + 1 + (newPrompt ? 1 : 0) > MaxTransactionActions)
            {
                yield return chunk;
                chunk = [];
                prompts = 0;
                newPrompt = true;
            }

            prompts += newPrompt ? 1 : 0;
            chunk.Add(increment);
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async Task<Dictionary<string, TableEntity>> ReadCountersAsync(string partition, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {MarkerPrefix}");
        return (await TableQueries.AllAsync(_table, filter, cancellationToken)).ToDictionary(e => e.RowKey, StringComparer.Ordinal);
    }

    /// <summary>
    /// One transaction for <paramref name="chunk"/>; <paramref name="rows"/> (the day's counter rows) is updated with what
    /// was written. False when a marker exists or the failing action is unknown (count one at a time then).
    /// </summary>
    private async Task<bool> TryIncrementChunkAsync(
        string partition, List<StatIncrement> chunk, Dictionary<string, TableEntity> rows, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var actions = chunk
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, TableWrites.Entity(partition, MarkerKey(i.Counter, i.EventId))))
                .ToList();
            var counters = new List<TableEntity>();
            foreach (var prompt in chunk.GroupBy(i => i.PromptId))
            {
                var existing = rows.GetValueOrDefault(prompt.Key);
                var row = new TableEntity(partition, prompt.Key);
                foreach (var property in Enum.GetNames<StatCounter>())
                {
                    if (existing?.GetInt32(property) is { } value)
                    {
                        row[property] = value;
                    }
                }

                foreach (var counter in prompt.GroupBy(i => i.Counter))
                {
                    row[counter.Key.ToString()] = (row.GetInt32(counter.Key.ToString()) ?? 0) + counter.Count();
                }

                counters.Add(row);
                actions.Add(existing is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, row)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag));
            }

            try
            {
                var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
                for (var i = 0; i < counters.Count; i++)
                {
                    var written = counters[i];
                    var index = chunk.Count + i;
                    if (index < response.Value.Count && response.Value[index].Headers.ETag is { } etag)
                    {
                        written.ETag = etag;
                        rows[written.RowKey] = written;
                    }
                    else
                    {
                        rows.Remove(written.RowKey); // unknown version: a later chunk's insert fails on it and reads again
                    }
                }

                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex >= chunk.Count
                && (TableStoreErrors.IsAlreadyExists(ex) || TableStoreErrors.IsStaleOrMissing(ex)))
            {
                // A counter row changed under us: read the day's rows again and retry.
                var fresh = await ReadCountersAsync(partition, cancellationToken);
                rows.Clear();
                foreach (var (key, row) in fresh)
                {
                    rows[key] = row;
                }
            }
            catch (RequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex) || TableStoreErrors.IsStaleOrMissing(ex))
            {
                return false;
            }
        }

        return false;
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
