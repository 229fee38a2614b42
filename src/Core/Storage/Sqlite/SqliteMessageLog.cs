using Reminders.Core.Sms;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IMessageLog"/> on the append-only <c>outbound_messages</c> table.</summary>
internal sealed class SqliteMessageLog(SqliteDatabase database) : IMessageLog
{
    public async Task AppendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO outbound_messages (phone, at_utc, kind, body, gateway, outcome, message_id) "
            + "VALUES ($phone, $at, $kind, $body, $gateway, $outcome, $message_id);";
        command.Add("$phone", message.Phone.Value);
        command.Add("$at", SqliteValues.ToTicks(message.At));
        command.Add("$kind", message.Kind);
        command.Add("$body", message.Body);
        command.Add("$gateway", message.Gateway);
        command.Add("$outcome", message.Outcome.ToString());
        command.Add("$message_id", message.MessageId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboundMessage>> ListAsync(PhoneNumber phone, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT at_utc, kind, body, gateway, outcome, message_id FROM outbound_messages "
            + "WHERE phone = $phone ORDER BY at_utc DESC, seq DESC LIMIT $max;";
        command.Add("$phone", phone.Value);
        command.Add("$max", max);
        var messages = new List<OutboundMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new OutboundMessage(
                phone,
                reader.GetInstant(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                Enum.Parse<SmsSendOutcome>(reader.GetString(4)),
                reader.GetNullableString(5)));
        }

        return messages;
    }
}
