using Azure;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>Appends to the newest-first logs (consent, messages, prompt changes).</summary>
internal static class TableAppend
{
    /// <summary>
    /// Inserts a row whose RowKey is unique to this call (<see cref="NewestFirstRowKey"/>). A 409 can then only be this
    /// very row, stored by a first attempt whose response was lost, so it counts as appended.
    /// </summary>
    public static async Task AddAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await table.AddEntityAsync(TableWrites.DropNulls(entity), cancellationToken);
        }
        catch (RequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex))
        {
        }
    }

    /// <summary>The rows of <paramref name="partitionKey"/>, in RowKey order (newest first for these logs).</summary>
    public static async Task<List<TableEntity>> ReadPartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        var rows = await TableQueries.AllAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken);
        return [.. rows.OrderBy(r => r.RowKey, StringComparer.Ordinal)];
    }
}
