using Microsoft.Data.Sqlite;
using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Sqlite;

/// <summary><see cref="IPersonalDataStore"/> on SQLite: one transaction per erase.</summary>
internal sealed class SqlitePersonalDataStore(SqliteDatabase database) : IPersonalDataStore
{
    public async Task EraseAsync(PhoneNumber phone, IReadOnlyList<DeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(deliveries);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.Connection.BeginTransactionAsync(cancellationToken);
        foreach (var delivery in deliveries)
        {
            await ExecuteAsync(
                connection,
                transaction,
                "DELETE FROM stats_events WHERE local_date = $date AND event_id = $event;",
                cancellationToken,
                ("$date", SqliteValues.ToText(delivery.LocalDate)),
                ("$event", StatEvents.ForDelivery(delivery)));
        }

        foreach (var sql in new[]
        {
            "DELETE FROM deliveries WHERE phone = $phone;",
            "DELETE FROM outbound_messages WHERE phone = $phone;",
            "DELETE FROM inbound_seen WHERE phone = $phone;",
            "DELETE FROM inbound_markers WHERE phone = $phone;",
            "DELETE FROM scan_quarantine WHERE phone = $phone;",
            "DELETE FROM schedule WHERE phone = $phone;",
        })
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken, ("$phone", phone.Value));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task PseudonymiseConsentAsync(PhoneNumber phone, string pseudonym, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await ExecuteAsync(
            connection, null, "UPDATE consent SET phone = $pseudonym WHERE phone = $phone;", cancellationToken, ("$pseudonym", pseudonym), ("$phone", phone.Value));
    }

    public async Task<IReadOnlyList<ConsentEvent>> ListPseudonymousConsentAsync(string pseudonym, PhoneNumber phone, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at_utc, kind, source, detail, message_sid FROM consent WHERE phone = $key ORDER BY at_utc DESC, seq DESC;";
        command.Add("$key", pseudonym);
        var events = new List<ConsentEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new ConsentEvent(phone, reader.GetInstant(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3), reader.GetNullableString(4)));
        }

        return events;
    }

    public async Task<InboundRecords> ListInboundAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var connection = await database.OpenAsync(cancellationToken);
        var messages = new List<InboundMessage>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT message_sid, received_at_utc, reply FROM inbound_seen WHERE phone = $phone ORDER BY received_at_utc;";
            command.Add("$phone", phone.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add(new InboundMessage(reader.GetString(0), phone, reader.GetInstant(1), reader.GetNullableString(2)));
            }
        }

        var markers = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT marker, local_date FROM inbound_markers WHERE phone = $phone ORDER BY local_date, marker;";
            command.Add("$phone", phone.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                markers.Add(reader.GetString(0) + "-" + reader.GetString(1));
            }
        }

        return new InboundRecords(messages, markers);
    }

    public async Task AddSuppressionAsync(string hash, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await ExecuteAsync(
            connection, null, "INSERT INTO suppressions (hash, at_utc) VALUES ($hash, $at) ON CONFLICT (hash) DO NOTHING;", cancellationToken,
            ("$hash", hash), ("$at", SqliteValues.ToTicks(atUtc)));
    }

    public async Task<bool> IsSuppressedAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM suppressions WHERE hash = $hash;";
        command.Add("$hash", hash);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task RemoveSuppressionAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await ExecuteAsync(connection, null, "DELETE FROM suppressions WHERE hash = $hash;", cancellationToken, ("$hash", hash));
    }

    public async Task<byte[]> GetOrCreateKeyAsync(byte[] candidate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await ExecuteAsync(
            connection, null, "INSERT INTO privacy_key (id, key) VALUES (1, $key) ON CONFLICT (id) DO NOTHING;", cancellationToken, ("$key", candidate));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM privacy_key WHERE id = 1;";
        return (byte[])(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(
        SqliteLease connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Add(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
