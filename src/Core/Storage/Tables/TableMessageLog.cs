using Reminders.Core.Sms;
using Azure.Data.Tables;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Every outbound text: PK phone, RK newest-first key (<see cref="NewestFirstRowKey"/>). A text other than a nudge is
/// first noted in the Retention manifest (nudges are noted once per batch by the sender, see
/// <see cref="IRetentionStore.NoteOutboundAsync"/>), so the body sweep finds the partition without scanning.
/// </summary>
public sealed class TableMessageLog(TableStoreTables tables, TimeProvider time) : IMessageLog
{
    private readonly TableClient _table = tables.Messages;

    public async Task AppendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entity = new TableEntity(message.Phone.Value, NewestFirstRowKey.Create(message.At, time))
        {
            ["At"] = message.At,
            ["Kind"] = message.Kind,
            ["Body"] = message.Body,
            ["Gateway"] = message.Gateway,
            ["Outcome"] = message.Outcome.ToString(),
            ["MessageId"] = message.MessageId,
        };
        if (message.Kind != OutboundMessageKinds.Nudge)
        {
            await TableRetentionManifest.NoteMessagesAsync(tables, [message.Phone], message.At, cancellationToken);
        }

        await TableAppend.AddAsync(_table, entity, cancellationToken);
    }

    public async Task<IReadOnlyList<OutboundMessage>> ListAsync(PhoneNumber phone, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var found = new List<OutboundMessage>();
        if (max == 0)
        {
            return found;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {phone.Value}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, Math.Min(max, TableQueries.MaxPageSize), cancellationToken: cancellationToken))
        {
            found.Add(new OutboundMessage(
                phone,
                row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                row.GetString("Kind") ?? string.Empty,
                row.GetString("Body") ?? string.Empty,
                row.GetString("Gateway") ?? string.Empty,
                Enum.TryParse<SmsSendOutcome>(row.GetString("Outcome"), out var outcome) ? outcome : SmsSendOutcome.Unknown,
                row.GetString("MessageId")));
            if (found.Count == max)
            {
                break;
            }
        }

        return found;
    }
}
