namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IScheduleIndex"/> on the <c>schedule</c> table, whose key (due, phone) is also the due-order index.</summary>
internal sealed class SqliteScheduleIndex(SqliteDatabase database) : IScheduleIndex
{
    public async Task AddAsync(ScheduleEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO schedule (due_utc, phone) VALUES ($due, $phone) ON CONFLICT (due_utc, phone) DO NOTHING;";
        command.Add("$due", SqliteValues.ToTicks(entry.DueUtc));
        command.Add("$phone", entry.Phone);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(ScheduleEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM schedule WHERE due_utc = $due AND phone = $phone;";
        command.Add("$due", SqliteValues.ToTicks(entry.DueUtc));
        command.Add("$phone", entry.Phone);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduleEntry>> ReadDueAsync(
        DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT due_utc, phone FROM schedule WHERE due_utc BETWEEN $from AND $to ORDER BY due_utc, phone;";
        command.Add("$from", SqliteValues.ToTicks(fromUtc));
        command.Add("$to", SqliteValues.ToTicks(toUtc));
        var entries = new List<ScheduleEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ScheduleEntry(reader.GetString(1), reader.GetInstant(0)));
        }

        return entries;
    }

    public async Task<DateTimeOffset?> GetScanCursorAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT scanned_through_utc FROM scan_cursor WHERE id = 1;";
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is long ticks ? SqliteValues.ToInstant(ticks) : null;
    }

    public async Task SetScanCursorAsync(DateTimeOffset scannedThroughUtc, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO scan_cursor (id, scanned_through_utc) VALUES (1, $at) "
            + "ON CONFLICT (id) DO UPDATE SET scanned_through_utc = excluded.scanned_through_utc;";
        command.Add("$at", SqliteValues.ToTicks(scannedThroughUtc));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
