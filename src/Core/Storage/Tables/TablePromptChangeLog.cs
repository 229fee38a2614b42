using System.Text.Json;
using Reminders.Core.Prompts;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>The admin audit log of prompt edits: PK prompt id, RK newest-first key; before/after kept as JSON.</summary>
public sealed class TablePromptChangeLog(TableStoreTables tables, TimeProvider time) : IPromptChangeLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = tables.PromptChanges;

    public async Task AppendAsync(PromptChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        TableKeys.Validate(change.PromptId, nameof(change));
        var entity = new TableEntity(change.PromptId, NewestFirstRowKey.Create(change.At, time))
        {
            ["At"] = change.At,
            ["Actor"] = change.Actor,
            ["Action"] = change.Action,
            ["Before"] = change.Before is null ? null : JsonSerializer.Serialize(change.Before, Json),
            ["After"] = change.After is null ? null : JsonSerializer.Serialize(change.After, Json),
        };
        await TableAppend.AddAsync(_table, entity, cancellationToken);
    }

    public async Task<IReadOnlyList<PromptChange>> ListAsync(string promptId, CancellationToken cancellationToken)
    {
        var rows = await TableAppend.ReadPartitionAsync(_table, promptId, cancellationToken);
        return
        [
            .. rows.Select(r => new PromptChange(
                promptId,
                r.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                r.GetString("Actor") ?? string.Empty,
                r.GetString("Action") ?? string.Empty,
                Read(r.GetString("Before")),
                Read(r.GetString("After")))),
        ];
    }

    private static Prompt? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<Prompt>(json, Json);
}
