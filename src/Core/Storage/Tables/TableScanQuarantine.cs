using Azure;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// <see cref="IScanQuarantine"/> in the ScanQuarantine table: PK phone, RK <c>scan</c>. The table holds only rows the
/// scan failed on, so listing and counting the quarantined ones reads a handful of rows, not the subscribers.
/// </summary>
public sealed class TableScanQuarantine(TableStoreTables tables) : IScanQuarantine
{
    private const string RowKey = "scan";
    private const int MaxAttempts = 8;
    private readonly TableClient _table = tables.ScanQuarantine;

    public async Task<int> RecordFailureAsync(ScheduleEntry entry, string reason, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(reason);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await TableWrites.GetAsync(_table, entry.Phone, RowKey, cancellationToken);
            var failures = stored is not null && stored.GetDateTimeOffset("DueUtc") == entry.DueUtc ? (stored.GetInt32("Failures") ?? 0) + 1 : 1;
            var entity = ToEntity(entry, failures, reason, atUtc, stored?.GetBoolean("Quarantined") ?? false);
            var written = stored is null
                ? await TableWrites.TryAddAsync(_table, entity, cancellationToken)
                : await TableWrites.TryReplaceAsync(_table, entity, stored.ETag, cancellationToken);
            if (written is not null)
            {
                return failures;
            }
        }

        throw new InvalidOperationException("The scan quarantine row kept changing while a failure was counted.");
    }

    public async Task QuarantineAsync(ScheduleEntry entry, string reason, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(reason);
        var stored = await TableWrites.GetAsync(_table, entry.Phone, RowKey, cancellationToken);
        var failures = stored?.GetInt32("Failures") ?? 1;
        // An upsert: a retried request writes the same row again.
        using var response = await _table.UpsertEntityAsync(ToEntity(entry, failures, reason, atUtc, quarantined: true), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<QuarantinedRow>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await TableQueries.AllAsync(_table, TableClient.CreateQueryFilter($"Quarantined eq {true}"), cancellationToken);
        return [.. rows.Select(FromEntity).OrderBy(r => r.LastFailureUtc).ThenBy(r => r.Phone, StringComparer.Ordinal)];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var rows = await TableQueries.AllAsync(_table, TableClient.CreateQueryFilter($"Quarantined eq {true}"), cancellationToken, ["PartitionKey"]);
        return rows.Count;
    }

    public async Task<QuarantinedRow?> GetAsync(string phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var entity = await TableWrites.GetAsync(_table, phone, RowKey, cancellationToken);
        return entity is null ? null : FromEntity(entity);
    }

    public async Task<bool> RemoveAsync(string phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        TableKeys.Validate(phone, nameof(phone));
        using var response = await _table.DeleteEntityAsync(phone, RowKey, ETag.All, cancellationToken);
        return response.Status is >= 200 and < 300;
    }

    private static TableEntity ToEntity(ScheduleEntry entry, int failures, string reason, DateTimeOffset atUtc, bool quarantined)
    {
        var entity = TableWrites.Entity(entry.Phone, RowKey);
        entity["DueUtc"] = entry.DueUtc;
        entity["Failures"] = failures;
        entity["Reason"] = reason.Length > 1000 ? reason[..1000] : reason;
        entity["LastFailureUtc"] = atUtc;
        entity["Quarantined"] = quarantined;
        return entity;
    }

    private static QuarantinedRow FromEntity(TableEntity entity) =>
        new(entity.PartitionKey,
            entity.GetDateTimeOffset("DueUtc") ?? DateTimeOffset.MinValue,
            entity.GetInt32("Failures") ?? 0,
            entity.GetString("Reason") ?? string.Empty,
            entity.GetDateTimeOffset("LastFailureUtc") ?? DateTimeOffset.MinValue,
            entity.GetBoolean("Quarantined") ?? false);
}
