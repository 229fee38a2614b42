using System.Globalization;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// <see cref="IRetentionStore"/> on SQLite: one range statement per table, each answered from an index on the column it
/// filters by (schema migration 8), in one immediate transaction. The cost is the index seek plus the rows that expire.
/// </summary>
internal sealed class SqliteRetentionStore(SqliteDatabase database) : IRetentionStore
{
    /// <summary>The statements of <see cref="ExpireShortLivedAsync"/>: <c>$cutoff</c> is UTC ticks, <c>$day</c> yyyy-MM-dd, <c>$win</c> yyyyMMdd.</summary>
    internal static readonly string[] ShortLivedStatements =
    [
        "DELETE FROM inbound_seen WHERE received_at_utc < $cutoff;",
        "DELETE FROM inbound_markers WHERE local_date < $day;",
        "DELETE FROM stats_events WHERE local_date < $day;",
        // Windows start with the UTC date (yyyyMMdd, yyyyMMddHH, yyyyMMddHHmm), so they sort by time.
        "DELETE FROM limit_counters WHERE win < $win;",
    ];

    /// <summary>The statement of <see cref="StripMessageBodiesAsync"/>; the partial index holds only rows with a body.</summary>
    internal const string StripStatement = "UPDATE outbound_messages SET body = '' WHERE body <> '' AND at_utc < $cutoff;";

    public Task NoteOutboundAsync(IReadOnlyCollection<PhoneNumber> phones, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public async Task<RetentionSweepCounts> ExpireShortLivedAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(cutoff.UtcDateTime);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var removed = 0;
        foreach (var sql in ShortLivedStatements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Add("$cutoff", SqliteValues.ToTicks(cutoff));
            command.Add("$day", SqliteValues.ToText(day));
            command.Add("$win", day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            removed += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RetentionSweepCounts(removed, 0);
    }

    public async Task<RetentionSweepCounts> StripMessageBodiesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = StripStatement;
        command.Add("$cutoff", SqliteValues.ToTicks(cutoff));
        return new RetentionSweepCounts(await command.ExecuteNonQueryAsync(cancellationToken), 0);
    }
}
