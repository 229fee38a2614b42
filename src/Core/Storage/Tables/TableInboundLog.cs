using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// <see cref="IInboundLog"/> in the InboundSeen table: PK MessageSid, RK <c>seen</c> for webhooks; PK phone, RK
/// <c>{marker}-{yyyy-MM-dd}</c> for daily markers. Claims and markers are inserts carrying a write id, so of racing
/// writers exactly one wins, and a writer whose insert response was lost still knows it won.
/// </summary>
/// <remarks>Each claim and marker is noted first in the Retention manifest (one more request), so the sweep finds it by day.</remarks>
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
        await TableRetentionManifest.NoteSeenAsync(tables, message.MessageSid, message.ReceivedAt, cancellationToken);
        return await TableWrites.TryAddAsync(_table, TableWrites.DropNulls(entity), cancellationToken) is not null;
    }

    public async Task<InboundMessage?> GetAsync(string messageSid, CancellationToken cancellationToken)
    {
        InboundLogKeys.ValidateSid(messageSid);
        var entity = await TableWrites.GetAsync(_table, messageSid, SeenRowKey, cancellationToken);
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
            // Merge keeps From and ReceivedAt; If-Match * makes it an update, never an insert, and a retry rewrites the same value.
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            // Never claimed (or released meanwhile): nothing to remember.
        }
    }

    public async Task ReleaseAsync(string messageSid, CancellationToken cancellationToken)
    {
        InboundLogKeys.ValidateSid(messageSid);
        // 404 (already gone, or a retried delete) is not an error for the SDK's DeleteEntityAsync.
        using var response = await _table.DeleteEntityAsync(messageSid, SeenRowKey, ETag.All, cancellationToken);
    }

    public async Task<bool> TryMarkAsync(PhoneNumber phone, string marker, DateOnly localDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        InboundLogKeys.ValidateMarker(marker);
        var rowKey = marker + "-" + localDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var entity = new TableEntity(phone.Value, rowKey) { ["Marker"] = marker };
        await TableRetentionManifest.NoteMarkAsync(tables, phone, marker, localDate, rowKey, cancellationToken);
        return await TableWrites.TryAddAsync(_table, entity, cancellationToken) is not null;
    }
}
