using System.Globalization;
using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Daily counters per prompt: PK local date <c>yyyy-MM-dd</c>, RK prompt id, one Int32 property per counter.
/// An increment is read, add one, write back with <c>If-Match</c> (or insert), retried when another writer won.
/// </summary>
public sealed class TableStatsStore(TableStoreTables tables) : IStatsStore
{
    // Every round of racing writers lets one through, so this bounds the writers that may race on one counter.
    private const int MaxAttempts = 500;

    private readonly TableClient _table = tables.Stats;

    public async Task IncrementAsync(DateOnly date, string promptId, StatCounter counter, CancellationToken cancellationToken)
    {
        var partition = Key(date);
        var property = counter.ToString();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync(partition, promptId, null, cancellationToken);
            try
            {
                if (existing is null)
                {
                    await _table.AddEntityAsync(new TableEntity(partition, promptId) { [property] = 1 }, cancellationToken);
                }
                else
                {
                    existing[property] = (existing.GetInt32(property) ?? 0) + 1;
                    await _table.UpdateEntityAsync(existing, existing.ETag ?? TableClient.AnyETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (TableRequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex) || TableStoreErrors.IsStaleOrMissing(ex))
            {
                // Another writer got there first; read again and add one to what it wrote.
            }
        }

        throw new InvalidOperationException($"The {counter} counter of {promptId} on {partition} kept changing under {MaxAttempts} attempts.");
    }

    public async Task<IReadOnlyList<PromptDayStats>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var filter = TableOData.Filter($"PartitionKey ge {Key(from)} and PartitionKey le {Key(to)}");
        return await QueryAsync(filter, cancellationToken);
    }

    public async Task<bool> WasEverSentAsync(string promptId, CancellationToken cancellationToken) =>
        (await QueryAsync(TableOData.Filter($"RowKey eq {promptId}"), cancellationToken)).Any(row => row.Sent > 0 || row.Failed > 0);

    private async Task<List<PromptDayStats>> QueryAsync(TableFilter filter, CancellationToken cancellationToken)
    {
        var rows = new List<PromptDayStats>();
        await foreach (var entity in _table.QueryAsync(new TableQuery(filter), cancellationToken))
        {
            rows.Add(new PromptDayStats(
                DateOnly.ParseExact(entity.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                entity.RowKey,
                entity.GetInt32(nameof(StatCounter.Sent)) ?? 0,
                entity.GetInt32(nameof(StatCounter.Delivered)) ?? 0,
                entity.GetInt32(nameof(StatCounter.Failed)) ?? 0,
                entity.GetInt32(nameof(StatCounter.OptOut)) ?? 0,
                entity.GetInt32(nameof(StatCounter.Done)) ?? 0));
        }

        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.PromptId, StringComparer.Ordinal)];
    }

    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
