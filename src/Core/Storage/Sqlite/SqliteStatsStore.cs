namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// <see cref="IStatsStore"/> on the <c>stats</c> table: one row per (local date, prompt id), created by the first
/// increment. Each increment is one transaction: record the event in <c>stats_events</c> (nothing more when it is there
/// already), then a single upsert statement, so concurrent increments never lose a count and an event counts once.
/// </summary>
internal sealed class SqliteStatsStore(SqliteDatabase database) : IStatsStore
{
    public async Task IncrementAsync(DateOnly date, string promptId, StatCounter counter, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promptId);
        StatEvents.Validate(eventId);
        var column = Column(counter);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var mark = connection.CreateCommand())
        {
            mark.Transaction = transaction;
            mark.CommandText =
                "INSERT INTO stats_events (local_date, counter, event_id) VALUES ($date, $counter, $event_id) ON CONFLICT DO NOTHING;";
            mark.Add("$date", SqliteValues.ToText(date));
            mark.Add("$counter", column);
            mark.Add("$event_id", eventId);
            if (await mark.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return; // counted already for this event
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText =
                $"INSERT INTO stats (local_date, prompt_id, {column}) VALUES ($date, $prompt_id, 1) "
                + $"ON CONFLICT (local_date, prompt_id) DO UPDATE SET {column} = {column} + 1;";
            command.Add("$date", SqliteValues.ToText(date));
            command.Add("$prompt_id", promptId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PromptDayStats>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT local_date, prompt_id, sent, delivered, failed, opt_outs, done FROM stats "
            + "WHERE local_date >= $from AND local_date <= $to ORDER BY local_date, prompt_id;";
        command.Add("$from", SqliteValues.ToText(from));
        command.Add("$to", SqliteValues.ToText(to));
        var rows = new List<PromptDayStats>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PromptDayStats(
                SqliteValues.ToDate(reader.GetString(0)),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetInt32(5),
                reader.GetInt32(6)));
        }

        return rows;
    }

    public async Task<bool> WasEverSentAsync(string promptId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promptId);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM stats WHERE prompt_id = $prompt_id AND (sent > 0 OR failed > 0));";
        command.Add("$prompt_id", promptId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    // Column names come from this fixed map only, never from input, so building the statement with them is safe.
    private static string Column(StatCounter counter) => counter switch
    {
        StatCounter.Sent => "sent",
        StatCounter.Delivered => "delivered",
        StatCounter.Failed => "failed",
        StatCounter.OptOut => "opt_outs",
        StatCounter.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(counter), counter, "Unknown counter."),
    };
}
