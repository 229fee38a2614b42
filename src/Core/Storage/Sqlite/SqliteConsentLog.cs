using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IConsentLog"/> on the append-only <c>consent</c> table (no update or delete statement exists).</summary>
internal sealed class SqliteConsentLog(SqliteDatabase database) : IConsentLog
{
    public async Task AppendAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO consent (phone, at_utc, kind, source, detail, message_sid) "
            + "VALUES ($phone, $at, $kind, $source, $detail, $message_sid);";
        command.Add("$phone", consentEvent.Phone.Value);
        command.Add("$at", SqliteValues.ToTicks(consentEvent.At));
        command.Add("$kind", consentEvent.Kind);
        command.Add("$source", consentEvent.Source);
        command.Add("$detail", consentEvent.Detail);
        command.Add("$message_sid", consentEvent.MessageSid);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ConsentEvent>> ListAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT at_utc, kind, source, detail, message_sid FROM consent WHERE phone = $phone ORDER BY at_utc DESC, seq DESC;";
        command.Add("$phone", phone.Value);
        var events = new List<ConsentEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new ConsentEvent(
                phone,
                reader.GetInstant(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetNullableString(3),
                reader.GetNullableString(4)));
        }

        return events;
    }
}
