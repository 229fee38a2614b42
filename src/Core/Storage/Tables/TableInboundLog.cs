using System.Globalization;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// <see cref="IInboundLog"/> in the InboundSeen table: PK MessageSid, RK <c>seen</c> for webhooks; PK phone, RK
/// <c>{marker}-{yyyy-MM-dd}</c> for daily markers. Claims and markers are inserts, so of racing writers exactly one
/// gets 201 and the others 409.
/// </summary>
public sealed class TableInboundLog(TableStoreTables tables) : IInboundLog
{
    /// <summary>The RowKey of a webhook's row.</summary>
    public const string SeenRowKey = "seen";

    private readonly TableClient _table = tables.InboundSeen;

    public async Task<bool> TryClaimAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        InboundLogKeys.ValidateSid(message.MessageSid);
        var entity = new TableEntity(message.MessageSid, SeenRowKey)
        {
            ["From"] = message.From.Value,
            ["ReceivedAt"] = message.ReceivedAt,
            ["Reply"] = message.Reply,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex))
        {
            return false;
        }
    }

    public async Task<InboundMessage?> GetAsync(string messageSid, CancellationToken cancellationToken)
    {
        InboundLogKeys.ValidateSid(messageSid);
        var entity = await _table.GetEntityIfExistsAsync(messageSid, SeenRowKey, null, cancellationToken);
        return entity is null
            ? null
            : new InboundMessage(
                entity.PartitionKey,
                PhoneNumber.FromE164(entity.GetString("From")!),
                entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
                entity.GetString("Reply"));
    }

    public async Task SetReplyAsync(string messageSid, string reply, CancellationToken cancellationToken)
    {
        InboundLogKeys.ValidateSid(messageSid);
        ArgumentNullException.ThrowIfNull(reply);
        var entity = new TableEntity(messageSid, SeenRowKey) { ["Reply"] = reply };
        try
        {
            // Merge keeps From and ReceivedAt; If-Match * makes it an update, never an insert.
            await _table.UpdateEntityAsync(entity, TableClient.AnyETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            // Never claimed (or released meanwhile): nothing to remember.
        }
    }

    public async Task ReleaseAsync(string messageSid, CancellationToken cancellationToken)
    {
        InboundLogKeys.ValidateSid(messageSid);
        await _table.DeleteEntityAsync(messageSid, SeenRowKey, TableClient.AnyETag, cancellationToken);
    }

    public async Task<bool> TryMarkAsync(PhoneNumber phone, string marker, DateOnly localDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        InboundLogKeys.ValidateMarker(marker);
        var rowKey = marker + "-" + localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            await _table.AddEntityAsync(new TableEntity(phone.Value, rowKey) { ["Marker"] = marker }, cancellationToken);
            return true;
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex))
        {
            return false;
        }
    }
}
