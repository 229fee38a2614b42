using System.Text.Json;
using Reminders.Core.Prompts;

namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IPromptChangeLog"/> on the append-only <c>prompt_changes</c> table (no update or delete statement exists).</summary>
internal sealed class SqlitePromptChangeLog(SqliteDatabase database) : IPromptChangeLog
{
    public async Task AppendAsync(PromptChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO prompt_changes (prompt_id, at_utc, actor, action, before_json, after_json) "
            + "VALUES ($prompt_id, $at, $actor, $action, $before, $after);";
        command.Add("$prompt_id", change.PromptId);
        command.Add("$at", SqliteValues.ToTicks(change.At));
        command.Add("$actor", change.Actor);
        command.Add("$action", change.Action);
        command.Add("$before", ToJson(change.Before));
        command.Add("$after", ToJson(change.After));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PromptChange>> ListAsync(string promptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promptId);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT at_utc, actor, action, before_json, after_json FROM prompt_changes WHERE prompt_id = $prompt_id ORDER BY seq DESC;";
        command.Add("$prompt_id", promptId);
        var changes = new List<PromptChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new PromptChange(
                promptId,
                reader.GetInstant(0),
                reader.GetString(1),
                reader.GetString(2),
                FromJson(reader.GetNullableString(3)),
                FromJson(reader.GetNullableString(4))));
        }

        return changes;
    }

    private static string? ToJson(Prompt? prompt) =>
        prompt is null ? null : JsonSerializer.Serialize(prompt, SqliteJsonContext.Default.Prompt);

    private static Prompt? FromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, SqliteJsonContext.Default.Prompt);
}
