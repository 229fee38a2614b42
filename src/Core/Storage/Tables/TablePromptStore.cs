using Reminders.Core.Prompts;
using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// The prompt library in Table Storage: PK <c>prompt</c>, RK prompt id (the library is small and does not grow with
/// subscribers), ETag concurrency. Seeded ids are rows in the state table (PK <c>seeded-prompt</c>).
/// </summary>
public sealed class TablePromptStore(TableStoreTables tables) : IPromptStore
{
    private const string Partition = "prompt";
    private const string SeededPartition = "seeded-prompt";
    private readonly TableClient _table = tables.Prompts;
    private readonly TableClient _state = tables.State;

    public async Task<IReadOnlyList<Stored<Prompt>>> ListAsync(CancellationToken cancellationToken)
    {
        var found = new List<Stored<Prompt>>();
        await foreach (var entity in _table.QueryAsync(new TableQuery(TableOData.Filter($"PartitionKey eq {Partition}")), cancellationToken))
        {
            found.Add(new Stored<Prompt>(FromEntity(entity), entity.ETag!));
        }

        return [.. found.OrderBy(p => p.Value.Id, StringComparer.Ordinal)];
    }

    public async Task<Stored<Prompt>?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await _table.GetEntityIfExistsAsync(Partition, id, null, cancellationToken);
        return entity is null ? null : new Stored<Prompt>(FromEntity(entity), entity.ETag!);
    }

    public async Task<string?> TryInsertAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        try
        {
            return await _table.AddEntityAsync(ToEntity(prompt), cancellationToken);
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex))
        {
            return null;
        }
    }

    public async Task<string?> TryReplaceAsync(Prompt prompt, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        try
        {
            return await _table.UpdateEntityAsync(ToEntity(prompt), ifMatch, TableUpdateMode.Replace, cancellationToken);
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            return null;
        }
    }

    public async Task<bool> TryDeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            return await _table.DeleteEntityAsync(Partition, id, ifMatch ?? TableClient.AnyETag, cancellationToken);
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            return false;
        }
    }

    public async Task<IReadOnlySet<string>> GetSeededIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var query = new TableQuery(TableOData.Filter($"PartitionKey eq {SeededPartition}"), ["RowKey"]);
        await foreach (var entity in _state.QueryAsync(query, cancellationToken))
        {
            ids.Add(entity.RowKey);
        }

        return ids;
    }

    public async Task MarkSeededAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var rows = ids.Distinct(StringComparer.Ordinal).Select(id => new TableEntity(SeededPartition, id)).ToList();
        foreach (var chunk in rows.Chunk(TableTransactionBatch.MaxOperations))
        {
            await _state.SubmitTransactionAsync(
                chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }
    }

    private static TableEntity ToEntity(Prompt prompt) =>
        new(Partition, prompt.Id)
        {
            ["Text"] = prompt.Text,
            ["Category"] = prompt.Category,
            ["Audience"] = prompt.Audience,
            ["Why"] = prompt.Why,
            ["Source"] = prompt.Source,
            ["Enabled"] = prompt.Enabled,
        };

    private static Prompt FromEntity(TableEntity entity) =>
        new(
            entity.RowKey,
            entity.GetString("Text") ?? string.Empty,
            entity.GetString("Category") ?? string.Empty,
            entity.GetString("Audience") ?? string.Empty,
            entity.GetString("Why") ?? string.Empty,
            entity.GetString("Source") ?? string.Empty,
            entity.GetBoolean("Enabled") ?? true);
}
