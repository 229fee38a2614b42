using Azure;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Writes that stay correct when the SDK retries a request whose response was lost (a timeout or a dropped
/// connection after the service had applied it). Every insert and conditional update stamps the row with a write id
/// of ours; when the retry then comes back 409 (insert) or 412 (update), the row is read back: if it carries our id,
/// the first attempt landed and the write succeeded, otherwise someone else's write is in the row.
/// </summary>
internal static class TableWrites
{
    /// <summary>The property that carries the id of the last write that stored the row.</summary>
    public const string WriteIdProperty = "WriteId";

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Inserts <paramref name="entity"/> stamped with <paramref name="idProperty"/> = <paramref name="writeId"/> (a new
    /// id when null). Returns the new ETag, or null when another writer's row exists.
    /// </summary>
    public static async Task<string?> TryAddAsync(
        TableClient table, TableEntity entity, CancellationToken cancellationToken, string idProperty = WriteIdProperty, string? writeId = null)
    {
        writeId ??= NewId();
        entity[idProperty] = writeId;
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            return ETagOf(response);
        }
        catch (RequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex))
        {
            var stored = await GetAsync(table, entity.PartitionKey, entity.RowKey, cancellationToken);
            return stored is not null && stored.GetString(idProperty) == writeId ? stored.ETag.ToString() : null;
        }
    }

    /// <summary>
    /// Replaces <paramref name="entity"/> when the stored ETag is <paramref name="ifMatch"/>, stamped with a new write id.
    /// Returns the new ETag, or null when the row changed meanwhile or is gone (and our write is not what is in it).
    /// </summary>
    public static async Task<string?> TryReplaceAsync(TableClient table, TableEntity entity, ETag ifMatch, CancellationToken cancellationToken)
    {
        var writeId = NewId();
        entity[WriteIdProperty] = writeId;
        try
        {
            var response = await table.UpdateEntityAsync(entity, ifMatch, TableUpdateMode.Replace, cancellationToken);
            return ETagOf(response);
        }
        catch (RequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            var stored = await GetAsync(table, entity.PartitionKey, entity.RowKey, cancellationToken);
            return stored is not null && stored.GetString(WriteIdProperty) == writeId ? stored.ETag.ToString() : null;
        }
    }

    /// <summary>The row, or null.</summary>
    public static async Task<TableEntity?> GetAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Removes null-valued properties (Table Storage has no nulls: a replace drops an absent property).</summary>
    public static TableEntity DropNulls(TableEntity entity)
    {
        foreach (var key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }

        return entity;
    }

    /// <summary>
    /// A read row to insert under other keys (a key left null stays): its properties without the ETag and the
    /// service-set <c>Timestamp</c> the read brought along.
    /// </summary>
    public static TableEntity CopyOf(TableEntity row, string? partitionKey = null, string? rowKey = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        var copy = new TableEntity(row) { PartitionKey = partitionKey ?? row.PartitionKey, RowKey = rowKey ?? row.RowKey, ETag = default };
        copy.Remove("odata.etag");
        copy.Remove("Timestamp");
        return copy;
    }

    /// <summary>A new entity after checking both keys (before anything is sent).</summary>
    public static TableEntity Entity(string partitionKey, string rowKey)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        return new TableEntity(partitionKey, rowKey);
    }

    private static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag.");
}
