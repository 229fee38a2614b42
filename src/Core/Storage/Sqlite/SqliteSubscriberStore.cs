using Microsoft.Data.Sqlite;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="ISubscriberStore"/> on the <c>subscribers</c> table; conditional writes compare the ETag in the statement.</summary>
internal sealed class SqliteSubscriberStore(SqliteDatabase database) : ISubscriberStore
{
    private const int MaxPageSize = 1000;

    private const string Columns =
        "phone, status, time_zone_id, send_at_ticks, categories, name, recent_prompt_ids, paused_until, next_due_utc, "
        + "last_sent_local_date, created_at_utc, updated_at_utc, confirmation_sent_on, consecutive_permanent_failures, "
        + "done_count, etag, household, nudges_sent";

    private const string Values =
        "$phone, $status, $time_zone_id, $send_at_ticks, $categories, $name, $recent_prompt_ids, $paused_until, $next_due_utc, "
        + "$last_sent_local_date, $created_at_utc, $updated_at_utc, $confirmation_sent_on, $consecutive_permanent_failures, "
        + "$done_count, $etag, $household, $nudges_sent";

    private const string Assignments =
        "status = $status, time_zone_id = $time_zone_id, send_at_ticks = $send_at_ticks, categories = $categories, "
        + "name = $name, recent_prompt_ids = $recent_prompt_ids, paused_until = $paused_until, next_due_utc = $next_due_utc, "
        + "last_sent_local_date = $last_sent_local_date, created_at_utc = $created_at_utc, updated_at_utc = $updated_at_utc, "
        + "confirmation_sent_on = $confirmation_sent_on, consecutive_permanent_failures = $consecutive_permanent_failures, "
        + "done_count = $done_count, etag = $etag, household = $household, nudges_sent = $nudges_sent";

    public async Task<Stored<Subscriber>?> GetAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM subscribers WHERE phone = $phone;";
        command.Add("$phone", phone.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new Stored<Subscriber>(Read(reader), reader.GetString(15)) : null;
    }

    public async Task<string?> TryInsertAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO subscribers ({Columns}) VALUES ({Values}) ON CONFLICT (phone) DO NOTHING;";
        var etag = Bind(command, subscriber);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? etag : null;
    }

    public async Task<string?> TryReplaceAsync(Subscriber subscriber, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(ifMatch);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE subscribers SET {Assignments} WHERE phone = $phone AND etag = $if_match;";
        var etag = Bind(command, subscriber);
        command.Add("$if_match", ifMatch);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? etag : null;
    }

    public async Task<bool> DeleteAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM subscribers WHERE phone = $phone;";
        command.Add("$phone", phone.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<Page<Subscriber>> ListAsync(
        SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var after = continuationToken is null ? null : SqliteValues.FromContinuationToken(continuationToken);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {Columns} FROM subscribers "
            + "WHERE ($after IS NULL OR phone > $after) AND ($status IS NULL OR status = $status) "
            + "ORDER BY phone LIMIT $limit;";
        command.Add("$after", after);
        command.Add("$status", status?.ToString());
        command.Add("$limit", pageSize + 1); // one extra row tells whether another page exists

        var items = new List<Subscriber>(pageSize);
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == pageSize)
            {
                more = true;
                break;
            }

            items.Add(Read(reader));
        }

        return new Page<Subscriber>(items, more ? SqliteValues.ToContinuationToken(items[^1].Phone.Value) : null);
    }

    /// <summary>Binds every column and returns the new ETag it wrote.</summary>
    private static string Bind(SqliteCommand command, Subscriber subscriber)
    {
        var etag = SqliteValues.NewETag();
        command.Add("$phone", subscriber.Phone.Value);
        command.Add("$status", subscriber.Status.ToString());
        command.Add("$time_zone_id", subscriber.TimeZoneId);
        command.Add("$send_at_ticks", subscriber.SendAt.Ticks);
        command.Add("$categories", SqliteValues.ToJson(subscriber.Categories));
        command.Add("$name", subscriber.Name);
        command.Add("$recent_prompt_ids", SqliteValues.ToJson(subscriber.RecentPromptIds));
        command.Add("$paused_until", SqliteValues.ToText(subscriber.PausedUntil));
        command.Add("$next_due_utc", SqliteValues.ToTicks(subscriber.NextDueUtc));
        command.Add("$last_sent_local_date", SqliteValues.ToText(subscriber.LastSentLocalDate));
        command.Add("$created_at_utc", SqliteValues.ToTicks(subscriber.CreatedAt));
        command.Add("$updated_at_utc", SqliteValues.ToTicks(subscriber.UpdatedAt));
        command.Add("$confirmation_sent_on", SqliteValues.ToText(subscriber.ConfirmationSentOn));
        command.Add("$consecutive_permanent_failures", subscriber.ConsecutivePermanentFailures);
        command.Add("$done_count", subscriber.DoneCount);
        command.Add("$etag", etag);
        command.Add("$household", HouseholdNames.Format(subscriber.Household));
        command.Add("$nudges_sent", subscriber.NudgesSent);
        return etag;
    }

    private static Subscriber Read(SqliteDataReader reader) => new(
        PhoneNumber.FromE164(reader.GetString(0)),
        Enum.Parse<SubscriberStatus>(reader.GetString(1)),
        reader.GetString(2),
        new TimeOnly(reader.GetInt64(3)),
        SqliteValues.FromJson(reader.GetString(4)),
        reader.GetNullableString(5),
        SqliteValues.FromJson(reader.GetString(6)),
        reader.GetNullableDate(7),
        reader.GetNullableInstant(8),
        reader.GetNullableDate(9),
        reader.GetInstant(10),
        reader.GetInstant(11))
    {
        ConfirmationSentOn = reader.GetNullableDate(12),
        ConsecutivePermanentFailures = reader.GetInt32(13),
        DoneCount = reader.GetInt32(14),
        Household = HouseholdNames.FromStored(reader.GetNullableString(16)),
        NudgesSent = reader.GetInt32(17),
    };
}
