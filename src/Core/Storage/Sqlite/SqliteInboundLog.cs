using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// <see cref="IInboundLog"/> on the <c>inbound_seen</c> and <c>inbound_markers</c> tables. Claims and markers are one
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> each, so exactly one of racing inserts wins.
/// </summary>
internal sealed class SqliteInboundLog(SqliteDatabase database) : IInboundLog
{
    public async Task<bool> TryClaimAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        InboundLogKeys.ValidateSid(message.MessageSid);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO inbound_seen (message_sid, phone, received_at_utc, reply) VALUES ($sid, $phone, $at, $reply) "
            + "ON CONFLICT (message_sid) DO NOTHING;";
        command.Add("$sid", message.MessageSid);
        command.Add("$phone", message.From.Value);
        command.Add("$at", SqliteValues.ToTicks(message.ReceivedAt));
        command.Add("$reply", message.Reply);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<InboundMessage?> GetAsync(string messageSid, CancellationToken cancellationToken)
    {
        InboundLogKeys.ValidateSid(messageSid);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_sid, phone, received_at_utc, reply FROM inbound_seen WHERE message_sid = $sid;";
        command.Add("$sid", messageSid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new InboundMessage(reader.GetString(0), PhoneNumber.FromE164(reader.GetString(1)), reader.GetInstant(2), reader.GetNullableString(3))
            : null;
    }

    public async Task SetReplyAsync(string messageSid, string reply, CancellationToken cancellationToken)
    {
        InboundLogKeys.ValidateSid(messageSid);
        ArgumentNullException.ThrowIfNull(reply);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE inbound_seen SET reply = $reply WHERE message_sid = $sid;";
        command.Add("$sid", messageSid);
        command.Add("$reply", reply);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string messageSid, CancellationToken cancellationToken)
    {
        InboundLogKeys.ValidateSid(messageSid);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM inbound_seen WHERE message_sid = $sid;";
        command.Add("$sid", messageSid);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> TryMarkAsync(PhoneNumber phone, string marker, DateOnly localDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        InboundLogKeys.ValidateMarker(marker);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO inbound_markers (phone, marker, local_date) VALUES ($phone, $marker, $date) "
            + "ON CONFLICT (phone, marker, local_date) DO NOTHING;";
        command.Add("$phone", phone.Value);
        command.Add("$marker", marker);
        command.Add("$date", SqliteValues.ToText(localDate));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
