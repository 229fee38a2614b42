namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// <see cref="ILimitStore"/> on <c>limit_counters</c> (one row per key and window, counted by a single conditional
/// upsert) and <c>limit_slots</c> (one row per key and slot, taken in an immediate transaction). SQLite's file lock
/// makes both safe for several processes on one file.
/// </summary>
internal sealed class SqliteLimitStore(SqliteDatabase database) : ILimitStore
{
    public async Task<bool> TryCountAsync(string key, string window, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO limit_counters (limit_key, win, hits) VALUES ($key, $win, 1) "
            + "ON CONFLICT (limit_key, win) DO UPDATE SET hits = hits + 1 WHERE hits < $limit;";
        command.Add("$key", key);
        command.Add("$win", window);
        command.Add("$limit", limit);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> TryTakeSlotAsync(string key, int slots, DateTimeOffset now, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var used = new Dictionary<int, long>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT slot, used_at_utc FROM limit_slots WHERE limit_key = $key;";
            read.Add("$key", key);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                used[reader.GetInt32(0)] = reader.GetInt64(1);
            }
        }

        var freeBefore = SqliteValues.ToTicks(now - period);
        int? free = null;
        for (var slot = 0; slot < slots && free is null; slot++)
        {
            if (!used.TryGetValue(slot, out var at) || at <= freeBefore)
            {
                free = slot;
            }
        }

        if (free is not { } taken)
        {
            return false;
        }

        await using (var write = connection.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText =
                "INSERT INTO limit_slots (limit_key, slot, used_at_utc) VALUES ($key, $slot, $at) "
                + "ON CONFLICT (limit_key, slot) DO UPDATE SET used_at_utc = excluded.used_at_utc;";
            write.Add("$key", key);
            write.Add("$slot", taken);
            write.Add("$at", SqliteValues.ToTicks(now));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
