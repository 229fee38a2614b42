using Azure;
using Azure.Data.Tables;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Subscribers in Table Storage: one partition per phone (RK the phone too, see <see cref="SubscriberEntity"/>), ETag concurrency, insert-if-absent. Inserts and
/// replaces carry a write id, so a retried request whose first response was lost still reports success (see
/// <see cref="TableWrites"/>).
/// </summary>
public sealed class TableSubscriberStore(TableStoreTables tables) : ISubscriberStore
{
    private readonly TableClient _table = tables.Subscribers;

    public async Task<Stored<Subscriber>?> GetAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var entity = await TableWrites.GetAsync(_table, phone.Value, SubscriberEntity.RowKeyFor(phone), cancellationToken);
        return entity is null ? null : new Stored<Subscriber>(SubscriberEntity.FromEntity(entity), entity.ETag.ToString());
    }

    public Task<string?> TryInsertAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return TableWrites.TryAddAsync(_table, SubscriberEntity.ToEntity(subscriber), cancellationToken);
    }

    public Task<string?> TryReplaceAsync(Subscriber subscriber, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return TableWrites.TryReplaceAsync(_table, SubscriberEntity.ToEntity(subscriber), new ETag(ifMatch), cancellationToken);
    }

    /// <remarks>A delete whose response was lost and is retried finds nothing and reports false.</remarks>
    public async Task<bool> DeleteAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        using var response = await _table.DeleteEntityAsync(phone.Value, SubscriberEntity.RowKeyFor(phone), ETag.All, cancellationToken);
        return response.Status != 404;
    }

    /// <summary>
    /// Pages in phone order with <c>AsPages</c>. Each service page is at most what is still missing, so a page is filled
    /// exactly (following the service's continuations, including empty pages) and the returned token wraps the SDK's.
    /// </summary>
    public async Task<Page<Subscriber>> ListAsync(
        SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var continuation = continuationToken is null ? null : ContinuationTokens.Unpack(continuationToken, nameof(continuationToken));
        // The table holds subscriber rows only (those of the old key layout are moved at start-up).
        var filter = status is { } wanted ? TableClient.CreateQueryFilter($"Status eq {SubscriberEntity.StatusName(wanted)}") : null;

        var items = new List<Subscriber>(Math.Min(pageSize, TableQueries.MaxPageSize));
        do
        {
            var top = Math.Min(pageSize - items.Count, TableQueries.MaxPageSize);
            var page = await TableQueries.FirstPageAsync(_table, filter, continuation, top, cancellationToken);
            items.AddRange(page.Values.Select(SubscriberEntity.FromEntity));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && items.Count < pageSize);

        return new Page<Subscriber>(items, continuation is null ? null : ContinuationTokens.Pack(continuation));
    }
}
