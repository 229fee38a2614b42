using Reminders.Core.Storage.Tables.Client;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>Subscribers in Table Storage: one partition per phone (RK <c>sub</c>), ETag concurrency, insert-if-absent.</summary>
public sealed class TableSubscriberStore(TableStoreTables tables) : ISubscriberStore
{
    private readonly TableClient _table = tables.Subscribers;

    public async Task<Stored<Subscriber>?> GetAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var entity = await _table.GetEntityIfExistsAsync(phone.Value, SubscriberEntity.RowKey, null, cancellationToken);
        return entity is null ? null : new Stored<Subscriber>(SubscriberEntity.FromEntity(entity), entity.ETag!);
    }

    public async Task<string?> TryInsertAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        try
        {
            return await _table.AddEntityAsync(SubscriberEntity.ToEntity(subscriber), cancellationToken);
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex))
        {
            return null;
        }
    }

    public async Task<string?> TryReplaceAsync(Subscriber subscriber, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        try
        {
            return await _table.UpdateEntityAsync(SubscriberEntity.ToEntity(subscriber), ifMatch, TableUpdateMode.Replace, cancellationToken);
        }
        catch (TableRequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            return null;
        }
    }

    public Task<bool> DeleteAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return _table.DeleteEntityAsync(phone.Value, SubscriberEntity.RowKey, TableClient.AnyETag, cancellationToken);
    }

    /// <summary>
    /// Pages in phone order. Follows the service's continuations (including empty pages) until the page is full or the
    /// table ends; the returned token packs the service's next PartitionKey and RowKey.
    /// </summary>
    public async Task<Page<Subscriber>> ListAsync(
        SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var continuation = continuationToken is null ? null : ContinuationTokens.Unpack(continuationToken, nameof(continuationToken));
        var filter = TableOData.Filter($"RowKey eq {SubscriberEntity.RowKey}");
        if (status is { } wanted)
        {
            filter = filter.And(TableOData.Filter($"Status eq {SubscriberEntity.StatusName(wanted)}"));
        }

        var items = new List<Subscriber>(Math.Min(pageSize, TableQuery.MaxPageSize));
        do
        {
            var query = new TableQuery(filter, Top: Math.Min(pageSize - items.Count, TableQuery.MaxPageSize));
            var page = await _table.QueryPageAsync(query, continuation, cancellationToken);
            items.AddRange(page.Items.Select(SubscriberEntity.FromEntity));
            continuation = page.Continuation;
        }
        while (continuation is not null && items.Count < pageSize);

        return new Page<Subscriber>(items, continuation is null ? null : ContinuationTokens.Pack(continuation));
    }
}
