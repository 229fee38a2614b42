using Microsoft.Data.Sqlite;
using Reminders.Core.Prompts;

namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IPromptStore"/> on the <c>prompts</c> and <c>seeded_prompts</c> tables.</summary>
internal sealed class SqlitePromptStore(SqliteDatabase database) : IPromptStore
{
    private const string Columns = "id, text, category, audience, why, source, enabled, etag";

    public async Task<IReadOnlyList<Stored<Prompt>>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM prompts ORDER BY id;";
        var prompts = new List<Stored<Prompt>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            prompts.Add(Read(reader));
        }

        return prompts;
    }

    public async Task<Stored<Prompt>?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM prompts WHERE id = $id;";
        command.Add("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<string?> TryInsertAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO prompts ({Columns}) VALUES ($id, $text, $category, $audience, $why, $source, $enabled, $etag) "
            + "ON CONFLICT (id) DO NOTHING;";
        var etag = Bind(command, prompt);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? etag : null;
    }

    public async Task<string?> TryReplaceAsync(Prompt prompt, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(ifMatch);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE prompts SET text = $text, category = $category, audience = $audience, why = $why, source = $source, "
            + "enabled = $enabled, etag = $etag WHERE id = $id AND etag = $if_match;";
        var etag = Bind(command, prompt);
        command.Add("$if_match", ifMatch);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? etag : null;
    }

    public async Task<bool> TryDeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM prompts WHERE id = $id AND ($if_match IS NULL OR etag = $if_match);";
        command.Add("$id", id);
        command.Add("$if_match", ifMatch);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlySet<string>> GetSeededIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM seeded_prompts;";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task MarkSeededAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO seeded_prompts (id) VALUES ($id) ON CONFLICT (id) DO NOTHING;";
        var parameter = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var id in ids)
        {
            parameter.Value = id;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Binds every column and returns the new ETag it wrote.</summary>
    private static string Bind(SqliteCommand command, Prompt prompt)
    {
        var etag = SqliteValues.NewETag();
        command.Add("$id", prompt.Id);
        command.Add("$text", prompt.Text);
        command.Add("$category", prompt.Category);
        command.Add("$audience", prompt.Audience);
        command.Add("$why", prompt.Why);
        command.Add("$source", prompt.Source);
        command.Add("$enabled", prompt.Enabled ? 1 : 0);
        command.Add("$etag", etag);
        return etag;
    }

    private static Stored<Prompt> Read(SqliteDataReader reader) => new(
        new Prompt(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetInt64(6) != 0),
        reader.GetString(7));
}
