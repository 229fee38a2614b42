namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IScanQuarantine"/> on the <c>scan_quarantine</c> table (one row per phone).</summary>
internal sealed class SqliteScanQuarantine(SqliteDatabase database) : IScanQuarantine
{
    private const string Columns = "phone, due_utc, failures, reason, last_failure_utc, quarantined";

    public async Task<int> RecordFailureAsync(ScheduleEntry entry, string reason, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(reason);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO scan_quarantine (phone, due_utc, failures, reason, last_failure_utc, quarantined) VALUES ($phone, $due, 1, $reason, $at, 0) "
            + "ON CONFLICT (phone) DO UPDATE SET "
            + "failures = CASE WHEN due_utc = excluded.due_utc THEN failures + 1 ELSE 1 END, "
            + "due_utc = excluded.due_utc, reason = excluded.reason, last_failure_utc = excluded.last_failure_utc "
            + "RETURNING failures;";
        command.Add("$phone", entry.Phone);
        command.Add("$due", SqliteValues.ToTicks(entry.DueUtc));
        command.Add("$reason", reason);
        command.Add("$at", SqliteValues.ToTicks(atUtc));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task QuarantineAsync(ScheduleEntry entry, string reason, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(reason);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO scan_quarantine (phone, due_utc, failures, reason, last_failure_utc, quarantined) VALUES ($phone, $due, 1, $reason, $at, 1) "
            + "ON CONFLICT (phone) DO UPDATE SET due_utc = excluded.due_utc, reason = excluded.reason, "
            + "last_failure_utc = excluded.last_failure_utc, quarantined = 1;";
        command.Add("$phone", entry.Phone);
        command.Add("$due", SqliteValues.ToTicks(entry.DueUtc));
        command.Add("$reason", reason);
        command.Add("$at", SqliteValues.ToTicks(atUtc));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QuarantinedRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM scan_quarantine WHERE quarantined = 1 ORDER BY last_failure_utc, phone;";
        var rows = new List<QuarantinedRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM scan_quarantine WHERE quarantined = 1;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<QuarantinedRow?> GetAsync(string phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM scan_quarantine WHERE phone = $phone;";
        command.Add("$phone", phone);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> RemoveAsync(string phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM scan_quarantine WHERE phone = $phone;";
        command.Add("$phone", phone);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static QuarantinedRow Read(Microsoft.Data.Sqlite.SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInstant(1), reader.GetInt32(2), reader.GetString(3), reader.GetInstant(4), reader.GetInt64(5) != 0);
}
