using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Deliveries in Table Storage: PK phone, RK <c>{phone}|{key}</c> (<see cref="RowKeyFor"/>: a row key no two rows share,
/// so Azurite's lookup by row key finds one row instead of every subscriber's row of that day). Rows written before
/// that layout have the bare key; <see cref="TableRowKeyMigration"/> moves the recent ones, and a partition query reads
/// both. The claim is an insert (<c>AddEntityAsync</c>), so of racing
/// claims exactly one gets 201 and the others 409. The row carries the claim id: after a 409 the row is read back, and a
/// row with our claim id is ours (the insert landed, its response was lost, the SDK retried).
/// </summary>
public sealed class TableDeliveryStore(TableStoreTables tables) : IDeliveryStore
{
    private const string ClaimIdProperty = "ClaimId";
    private const int MaxAdvanceAttempts = 8;
    private const char KeySeparator = '|';

    private readonly TableClient _table = tables.Deliveries;

    public async Task<bool> TryClaimAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var entity = ToEntity(delivery);
        // Without a claim id of the caller's, a write id of this call's own does the read-back (and is not returned).
        return delivery.ClaimId is { } claimId
            ? await TableWrites.TryAddAsync(_table, entity, cancellationToken, ClaimIdProperty, claimId) is not null
            : await TableWrites.TryAddAsync(_table, entity, cancellationToken) is not null;
    }

    public Task<string?> TryClaimTaggedAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var entity = ToEntity(delivery);
        // The insert's response carries the ETag: no read before (a 409 is "already claimed") and none after.
        return delivery.ClaimId is { } claimId
            ? TableWrites.TryAddAsync(_table, entity, cancellationToken, ClaimIdProperty, claimId)
            : TableWrites.TryAddAsync(_table, entity, cancellationToken);
    }

    /// <summary>
    /// One replace with If-Match on the claim's ETag. A 412 (a status callback or another writer came first, or our own
    /// replace landed and its response was lost) falls back to <see cref="TryAdvanceAsync(DeliveryRecord, CancellationToken)"/>,
    /// which reads and compares ranks.
    /// </summary>
    public async Task<bool> TryAdvanceClaimAsync(DeliveryRecord delivery, string claimTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!string.IsNullOrEmpty(claimTag) && delivery.Status > DeliveryStatus.Claimed
            && await TableWrites.TryReplaceAsync(_table, ToEntity(delivery), new ETag(claimTag), cancellationToken) is not null)
        {
            return true;
        }

        return await TryAdvanceAsync(delivery, cancellationToken);
    }

    /// <summary>Replaces the existing delivery; throws <see cref="InvalidOperationException"/> when there is none.</summary>
    public async Task UpdateAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            // If-Match * replaces the same content however often it is retried.
            await _table.UpdateEntityAsync(ToEntity(delivery), ETag.All, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            throw new InvalidOperationException("There is no delivery with that phone and key to update; claim it first.", ex);
        }
    }

    /// <summary>
    /// Read, compare ranks, replace with the ETag read. A 412 re-reads: a row carrying our write id means the replace landed
    /// (its response was lost); otherwise someone else changed it, so compare again.
    /// </summary>
    public async Task<bool> TryAdvanceAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        for (var attempt = 0; attempt < MaxAdvanceAttempts; attempt++)
        {
            var stored = await TableWrites.GetAsync(_table, delivery.Phone.Value, RowKeyFor(delivery.Phone.Value, delivery.Key), cancellationToken);
            if (stored is null || FromEntity(stored).Status >= delivery.Status)
            {
                return false;
            }

            var next = ToEntity(delivery.ClaimId is null ? delivery with { ClaimId = stored.GetString(ClaimIdProperty) } : delivery);
            if (await TableWrites.TryReplaceAsync(_table, next, stored.ETag, cancellationToken) is not null)
            {
                return true;
            }
        }

        throw new InvalidOperationException($"Delivery {delivery.Key} kept changing under {MaxAdvanceAttempts} attempts to advance it.");
    }

    public async Task<DeliveryRecord?> GetAsync(PhoneNumber phone, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var entity = await TableWrites.GetAsync(_table, phone.Value, RowKeyFor(phone.Value, key), cancellationToken);
        return entity is null ? null : FromEntity(entity);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(PhoneNumber phone, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {phone.Value} and LocalDate ge {Date(from)} and LocalDate le {Date(to)}");
        var found = (await TableQueries.AllAsync(_table, filter, cancellationToken)).Select(FromEntity);
        return [.. found.OrderBy(d => d.LocalDate).ThenBy(d => d.Key, StringComparer.Ordinal)];
    }

    /// <summary>The row key of a delivery: the phone, a bar, the key.</summary>
    internal static string RowKeyFor(string phone, string key) => phone + KeySeparator + key;

    /// <summary>
    /// The delivery key of a row of either layout: what follows <c>{phone}|</c>, or the bare key of a row written before
    /// <see cref="TableRowKeyMigration"/> (a local date first).
    /// </summary>
    internal static string KeyOf(string partitionKey, string rowKey) =>
        rowKey.Length > partitionKey.Length && rowKey[partitionKey.Length] == KeySeparator && rowKey.StartsWith(partitionKey, StringComparison.Ordinal)
            ? rowKey[(partitionKey.Length + 1)..]
            : rowKey;

    private static TableEntity ToEntity(DeliveryRecord delivery)
    {
        var entity = TableWrites.Entity(delivery.Phone.Value, RowKeyFor(delivery.Phone.Value, delivery.Key));
        entity["LocalDate"] = Date(delivery.LocalDate);
        entity["PromptId"] = delivery.PromptId;
        entity["Status"] = delivery.Status.ToString();
        entity["ClaimedAt"] = delivery.ClaimedAt;
        entity["UpdatedAt"] = delivery.UpdatedAt;
        entity["ProviderMessageId"] = delivery.ProviderMessageId;
        entity["ErrorCode"] = delivery.ErrorCode;
        entity["Detail"] = delivery.Detail;
        entity[ClaimIdProperty] = delivery.ClaimId;
        return TableWrites.DropNulls(entity);
    }

    private static DeliveryRecord FromEntity(TableEntity entity) =>
        new(
            PhoneNumber.FromE164(entity.PartitionKey),
            KeyOf(entity.PartitionKey, entity.RowKey),
            DateOnly.ParseExact(entity.GetString("LocalDate")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            entity.GetString("PromptId"),
            Enum.Parse<DeliveryStatus>(entity.GetString("Status")!, ignoreCase: true),
            entity.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
        {
            ProviderMessageId = entity.GetString("ProviderMessageId"),
            ErrorCode = entity.GetInt32("ErrorCode"),
            Detail = entity.GetString("Detail"),
            ClaimId = entity.GetString(ClaimIdProperty),
        };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
