using Microsoft.Data.Sqlite;
using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>
/// <see cref="IDeliveryStore"/> on the <c>deliveries</c> table. The claim is one
/// <c>INSERT ... ON CONFLICT</c> on the (phone, key) primary key, so exactly one racing claim inserts a row (a repeated
/// claim with the winner's claim id is reported as won again).
/// </summary>
internal sealed class SqliteDeliveryStore(SqliteDatabase database) : IDeliveryStore
{
    private const string Columns =
        "phone, delivery_key, local_date, prompt_id, status, claimed_at_utc, updated_at_utc, provider_message_id, error_code, detail, claim_id";

    private const string ClaimSql =
        $"INSERT INTO deliveries ({Columns}) "
        + "VALUES ($phone, $key, $local_date, $prompt_id, $status, $claimed_at, $updated_at, $provider_message_id, $error_code, $detail, $claim_id) "
        // The same claim id again is the same claimant: it still owns the claim (the no-op update counts as a change).
        + "ON CONFLICT (phone, delivery_key) DO UPDATE SET claim_id = excluded.claim_id WHERE deliveries.claim_id = excluded.claim_id;";

    /// <remarks>Durable: the claim is synced to disk before it counts as won, so a power cut cannot undo it and resend.</remarks>
    public async Task<bool> TryClaimAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ClaimSql;
        Bind(command, delivery);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <remarks>One durable transaction (one sync to disk) for all the claims.</remarks>
    public async Task<IReadOnlyList<string?>> TryClaimManyAsync(IReadOnlyList<DeliveryRecord> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        // SQLite keeps no version tags: a won claim gets the empty tag, which the outcome write treats as unknown.
        var won = new string?[claims.Count];
        if (claims.Count == 0)
        {
            return won;
        }

        await using var connection = await database.OpenDurableAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ClaimSql;
        for (var i = 0; i < claims.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(claims[i], nameof(claims));
            command.Parameters.Clear();
            Bind(command, claims[i]);
            won[i] = await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? string.Empty : null;
        }

        await transaction.CommitAsync(cancellationToken);
        return won;
    }

    /// <remarks>Does nothing when no delivery has that (phone, key): a late status callback never creates a claim.</remarks>
    public async Task UpdateAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE deliveries SET local_date = $local_date, prompt_id = $prompt_id, status = $status, "
            + "claimed_at_utc = $claimed_at, updated_at_utc = $updated_at, provider_message_id = $provider_message_id, "
            + "error_code = $error_code, detail = $detail, claim_id = COALESCE($claim_id, claim_id) WHERE phone = $phone AND delivery_key = $key;";
        Bind(command, delivery);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"No delivery {delivery.Key} for {delivery.Phone.Masked} was claimed, so it cannot be updated.");
        }
    }

    public async Task<bool> TryAdvanceAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE deliveries SET local_date = $local_date, prompt_id = $prompt_id, status = $status, "
            + "claimed_at_utc = $claimed_at, updated_at_utc = $updated_at, provider_message_id = $provider_message_id, "
            + "error_code = $error_code, detail = $detail, claim_id = COALESCE($claim_id, claim_id) "
            + $"WHERE phone = $phone AND delivery_key = $key AND {StatusRank} < $rank;";
        Bind(command, delivery);
        command.Add("$rank", (int)delivery.Status);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<DeliveryRecord?> GetAsync(PhoneNumber phone, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM deliveries WHERE phone = $phone AND delivery_key = $key;";
        command.Add("$phone", phone.Value);
        command.Add("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(
        PhoneNumber phone, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT {Columns} FROM deliveries WHERE phone = $phone AND local_date BETWEEN $from AND $to "
            + "ORDER BY local_date, delivery_key;";
        command.Add("$phone", phone.Value);
        command.Add("$from", SqliteValues.ToText(from));
        command.Add("$to", SqliteValues.ToText(to));
        var deliveries = new List<DeliveryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(Read(reader));
        }

        return deliveries;
    }

    /// <summary>The stored status name as its <see cref="DeliveryStatus"/> rank, in SQL.</summary>
    private static readonly string StatusRank =
        "(CASE status "
        + string.Concat(Enum.GetValues<DeliveryStatus>().Select(s => $"WHEN '{s}' THEN {(int)s} "))
        + "ELSE 2147483647 END)";

    private static void Bind(SqliteCommand command, DeliveryRecord delivery)
    {
        command.Add("$phone", delivery.Phone.Value);
        command.Add("$key", delivery.Key);
        command.Add("$local_date", SqliteValues.ToText(delivery.LocalDate));
        command.Add("$prompt_id", delivery.PromptId);
        command.Add("$status", delivery.Status.ToString());
        command.Add("$claimed_at", SqliteValues.ToTicks(delivery.ClaimedAt));
        command.Add("$updated_at", SqliteValues.ToTicks(delivery.UpdatedAt));
        command.Add("$provider_message_id", delivery.ProviderMessageId);
        command.Add("$error_code", delivery.ErrorCode);
        command.Add("$detail", delivery.Detail);
        command.Add("$claim_id", delivery.ClaimId);
    }

    private static DeliveryRecord Read(SqliteDataReader reader) => new(
        PhoneNumber.FromE164(reader.GetString(0)),
        reader.GetString(1),
        SqliteValues.ToDate(reader.GetString(2)),
        reader.GetNullableString(3),
        Enum.Parse<DeliveryStatus>(reader.GetString(4)),
        reader.GetInstant(5),
        reader.GetInstant(6))
    {
        ProviderMessageId = reader.GetNullableString(7),
        ErrorCode = reader.IsDBNull(8) ? null : reader.GetInt32(8),
        Detail = reader.GetNullableString(9),
        ClaimId = reader.GetNullableString(10),
    };
}
