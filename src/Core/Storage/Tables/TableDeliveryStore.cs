using System.Globalization;
using Reminders.Core.Delivery;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Deliveries in Table Storage: PK phone, RK delivery key. The claim is an insert, so of racing claims exactly one
/// gets 201 and the others 409.
/// </summary>
public sealed class TableDeliveryStore(TableStoreTables tables) : IDeliveryStore
{
    private const int MaxAdvanceAttempts = 8;

    private readonly TableClient _table = tables.Deliveries;

    public async Task<bool> TryClaimAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await _table.AddEntityAsync(ToEntity(delivery), cancellationToken);
            return true;
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex))
        {
            return false;
        }
    }

    /// <summary>Replaces the existing delivery; throws <see cref="InvalidOperationException"/> when there is none.</summary>
    public async Task UpdateAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await _table.UpdateEntityAsync(ToEntity(delivery), TableClient.AnyETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            throw new InvalidOperationException("There is no delivery with that phone and key to update; claim it first.", ex);
        }
    }

    /// <summary>Read, compare ranks, replace with the ETag read; a concurrent change (412) starts over.</summary>
    public async Task<bool> TryAdvanceAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        for (var attempt = 0; attempt < MaxAdvanceAttempts; attempt++)
        {
            var stored = await _table.GetEntityIfExistsAsync(delivery.Phone.Value, delivery.Key, null, cancellationToken);
            if (stored is null || FromEntity(stored).Status >= delivery.Status)
            {
                return false;
            }

            try
            {
                await _table.UpdateEntityAsync(ToEntity(delivery), stored.ETag ?? TableClient.AnyETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (TableRequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
            {
                // Someone else changed or removed it since the read: compare again.
            }
        }

        throw new InvalidOperationException($"Delivery {delivery.Key} kept changing under {MaxAdvanceAttempts} attempts to advance it.");
    }

    public async Task<DeliveryRecord?> GetAsync(PhoneNumber phone, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var entity = await _table.GetEntityIfExistsAsync(phone.Value, key, null, cancellationToken);
        return entity is null ? null : FromEntity(entity);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(PhoneNumber phone, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var filter = TableOData.Filter($"PartitionKey eq {phone.Value} and LocalDate ge {Date(from)} and LocalDate le {Date(to)}");
        var found = new List<DeliveryRecord>();
        await foreach (var entity in _table.QueryAsync(new TableQuery(filter), cancellationToken))
        {
            found.Add(FromEntity(entity));
        }

        return [.. found.OrderBy(d => d.LocalDate).ThenBy(d => d.Key, StringComparer.Ordinal)];
    }

    private static TableEntity ToEntity(DeliveryRecord delivery) =>
        new(delivery.Phone.Value, delivery.Key)
        {
            ["LocalDate"] = Date(delivery.LocalDate),
            ["PromptId"] = delivery.PromptId,
            ["Status"] = delivery.Status.ToString(),
            ["ClaimedAt"] = delivery.ClaimedAt,
            ["UpdatedAt"] = delivery.UpdatedAt,
            ["ProviderMessageId"] = delivery.ProviderMessageId,
            ["ErrorCode"] = delivery.ErrorCode,
            ["Detail"] = delivery.Detail,
        };

    private static DeliveryRecord FromEntity(TableEntity entity) =>
        new(
            PhoneNumber.FromE164(entity.PartitionKey),
            entity.RowKey,
            DateOnly.ParseExact(entity.GetString("LocalDate")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            entity.GetString("PromptId"),
            Enum.Parse<DeliveryStatus>(entity.GetString("Status")!, ignoreCase: true),
            entity.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
        {
            ProviderMessageId = entity.GetString("ProviderMessageId"),
            ErrorCode = entity.GetInt32("ErrorCode"),
            Detail = entity.GetString("Detail"),
        };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
