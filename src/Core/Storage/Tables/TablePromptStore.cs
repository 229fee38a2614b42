using Reminders.Core.Prompts;
using Azure;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// The prompt library in Table Storage: PK <c>prompt</c>, RK prompt id (the library is small and does not grow with
/// subscribers), ETag concurrency. Seeded ids are rows in the state table (PK <c>seeded-prompt</c>).
/// </summary>
public sealed class TablePromptStore(TableStoreTables tables) : IPromptStore
{
    private const string Partition = "prompt";
    private const string SeededPartition = "seeded-prompt";
    private const int MaxTransactionActions = 100;
    private readonly TableClient _table = tables.Prompts;
    private readonly TableClient _state = tables.State;

    public async Task<IReadOnlyList<Stored<Prompt>>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await TableQueries.AllAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken);
        return [.. rows.Select(e => new Stored<Prompt>(FromEntity(e), e.ETag.ToString())).OrderBy(p => p.Value.Id, StringComparer.Ordinal)];
    }

    public async Task<Stored<Prompt>?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await TableWrites.GetAsync(_table, Partition, id, cancellationToken);
        return entity is null ? null : new Stored<Prompt>(FromEntity(entity), entity.ETag.ToString());
    }

    public Task<string?> TryInsertAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return TableWrites.TryAddAsync(_table, ToEntity(prompt), cancellationToken);
    }

    public Task<string?> TryReplaceAsync(Prompt prompt, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return TableWrites.TryReplaceAsync(_table, ToEntity(prompt), new ETag(ifMatch), cancellationToken);
    }

    /// <remarks>A delete whose response was lost and is retried finds nothing and reports false.</remarks>
    public async Task<bool> TryDeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        TableKeys.Validate(id, nameof(id));
        try
        {
            using var response = await _table.DeleteEntityAsync(Partition, id, ifMatch is null ? ETag.All : new ETag(ifMatch), cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            return false;
        }
    }

    public async Task<IReadOnlySet<string>> GetSeededIdsAsync(CancellationToken cancellationToken)
    {
        var rows = await TableQueries.AllAsync(
            _state, TableClient.CreateQueryFilter($"PartitionKey eq {SeededPartition}"), cancellationToken, ["RowKey"]);
        return rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One transaction per 100 ids (all in one partition); upserts, so a retried transaction changes nothing.</summary>
    public async Task MarkSeededAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var rows = ids.Distinct(StringComparer.Ordinal).Select(id => TableWrites.Entity(SeededPartition, id)).ToList();
        foreach (var chunk in rows.Chunk(MaxTransactionActions))
        {
            await _state.SubmitTransactionAsync(
                chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
        }
    }

    private static TableEntity ToEntity(Prompt prompt) =>
        new(Partition, ValidKey(prompt.Id))
        {
            ["Text"] = prompt.Text,
            ["Category"] = prompt.Category,
            ["Audience"] = prompt.Audience,
            ["Why"] = prompt.Why,
            ["Source"] = prompt.Source,
            ["Enabled"] = prompt.Enabled,
        };

    private static string ValidKey(string id)
    {
        TableKeys.Validate(id, nameof(id));
        return id;
    }

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
