using Azure.Data.Tables;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>Append-only consent events: PK phone, RK newest-first key (<see cref="NewestFirstRowKey"/>).</summary>
public sealed class TableConsentLog(TableStoreTables tables, TimeProvider time) : IConsentLog
{
    private readonly TableClient _table = tables.Consent;

    public async Task AppendAsync(ConsentEvent consentEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consentEvent);
        var entity = new TableEntity(consentEvent.Phone.Value, NewestFirstRowKey.Create(consentEvent.At, time))
        {
            ["At"] = consentEvent.At,
            ["Kind"] = consentEvent.Kind,
            ["Source"] = consentEvent.Source,
            ["Detail"] = consentEvent.Detail,
            ["MessageSid"] = consentEvent.MessageSid,
        };
        await TableAppend.AddAsync(_table, entity, cancellationToken);
    }

    public async Task<IReadOnlyList<ConsentEvent>> ListAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var rows = await TableAppend.ReadPartitionAsync(_table, phone.Value, cancellationToken);
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
}
