using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// <see cref="IPersonalDataStore"/> on Table Storage. Everything keyed by the phone is one partition per table
/// (Deliveries, Messages, Consent, InboundSeen markers, ScanQuarantine) and is deleted by partition; the stats markers
/// are point deletes found through the deliveries; the webhook records (PK MessageSid) are found by their From column,
/// a scan of a table that the retention sweep keeps to a few days of traffic.
/// </summary>
public sealed class TablePersonalDataStore(TableStoreTables tables) : IPersonalDataStore
{
    private const string SuppressedRowKey = "suppressed";
    private const string KeyPartition = "privacy";
    private const string KeyRow = "suppression-key";
    private const int MaxBatch = 100;
    private static readonly string[] Counters = Enum.GetNames<StatCounter>();

    public async Task EraseAsync(PhoneNumber phone, IReadOnlyList<DeliveryRecord> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentNullException.ThrowIfNull(deliveries);
        foreach (var delivery in deliveries)
        {
            var partition = delivery.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var eventId = StatEvents.ForDelivery(delivery);
            foreach (var counter in Counters)
            {
                using var response = await tables.Stats.DeleteEntityAsync(partition, "~" + counter + "~" + eventId, ETag.All, cancellationToken);
            }
        }

        await DeletePartitionAsync(tables.Deliveries, phone.Value, cancellationToken);
        await DeletePartitionAsync(tables.Messages, phone.Value, cancellationToken);
        await DeletePartitionAsync(tables.InboundSeen, phone.Value, cancellationToken);
        await DeletePartitionAsync(tables.ScanQuarantine, phone.Value, cancellationToken);
        var webhooks = await TableQueries.AllAsync(
            tables.InboundSeen, TableClient.CreateQueryFilter($"From eq {phone.Value}"), cancellationToken, ["PartitionKey", "RowKey"]);
        foreach (var row in webhooks)
        {
            using var response = await tables.InboundSeen.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }

        await TableRetentionStore.ForgetAsync(tables, phone, cancellationToken);
    }

    public async Task PseudonymiseConsentAsync(PhoneNumber phone, string pseudonym, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        TableKeys.Validate(pseudonym, nameof(pseudonym));
        var rows = await TableAppend.ReadPartitionAsync(tables.Consent, phone.Value, cancellationToken);
        foreach (var row in rows)
        {
            // Copy first (a 409 is a copy made by an earlier, interrupted run), then delete the original.
            await TableAppend.AddAsync(tables.Consent, TableWrites.CopyOf(row, partitionKey: pseudonym), cancellationToken);
            using var response = await tables.Consent.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<ConsentEvent>> ListPseudonymousConsentAsync(string pseudonym, PhoneNumber phone, CancellationToken cancellationToken)
    {
        var rows = await TableAppend.ReadPartitionAsync(tables.Consent, pseudonym, cancellationToken);
        return
        [
            .. rows.Select(r => new ConsentEvent(
                phone,
                r.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                r.GetString("Kind") ?? string.Empty,
                r.GetString("Source") ?? string.Empty,
                r.GetString("Detail"),
                r.GetString("MessageSid"))),
        ];
    }

    public async Task<InboundRecords> ListInboundAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var webhooks = await TableQueries.AllAsync(tables.InboundSeen, TableClient.CreateQueryFilter($"From eq {phone.Value}"), cancellationToken);
        var markers = await TableAppend.ReadPartitionAsync(tables.InboundSeen, phone.Value, cancellationToken);
        return new InboundRecords(
            [.. webhooks.Select(r => new InboundMessage(r.PartitionKey, phone, r.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue, r.GetString("Reply")))
                .OrderBy(m => m.ReceivedAt)],
            [.. markers.Select(r => r.RowKey)]);
    }

    public async Task AddSuppressionAsync(string hash, DateTimeOffset atUtc, CancellationToken cancellationToken)
    {
        var entity = TableWrites.Entity(hash, SuppressedRowKey);
        entity["At"] = atUtc;
        using var response = await tables.Suppressions.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> IsSuppressedAsync(string hash, CancellationToken cancellationToken) =>
        await TableWrites.GetAsync(tables.Suppressions, hash, SuppressedRowKey, cancellationToken) is not null;

    public async Task RemoveSuppressionAsync(string hash, CancellationToken cancellationToken)
    {
        TableKeys.Validate(hash, nameof(hash));
        using var response = await tables.Suppressions.DeleteEntityAsync(hash, SuppressedRowKey, ETag.All, cancellationToken);
    }

    public async Task<byte[]> GetOrCreateKeyAsync(byte[] candidate, CancellationToken cancellationToken)
    {
        var entity = TableWrites.Entity(KeyPartition, KeyRow);
        entity["Key"] = candidate;
        await TableWrites.TryAddAsync(tables.State, entity, cancellationToken);
        var stored = await TableWrites.GetAsync(tables.State, KeyPartition, KeyRow, cancellationToken);
        return stored?.GetBinary("Key") ?? throw new InvalidOperationException("The suppression key could not be stored.");
    }

    private static async Task DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        var rows = await TableQueries.AllAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken, ["PartitionKey", "RowKey"]);
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // A row went missing meanwhile (a concurrent erase, a retried request): delete one by one, 404 is fine.
                foreach (var row in chunk)
                {
                    using var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
            }
        }
    }
}
