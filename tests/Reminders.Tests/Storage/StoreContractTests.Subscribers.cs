using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>Contract of <see cref="Reminders.Core.Storage.ISubscriberStore"/>.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task SubscriberTryInsertAsync_EveryFieldSet_GetReturnsEqualSubscriberWithSameETag()
    {
        var subscriber = FullSubscriber("+15550100001");

        var etag = await Stores.Subscribers.TryInsertAsync(subscriber, Ct);
        var stored = await Stores.Subscribers.GetAsync(subscriber.Phone, Ct);

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.NotNull(stored);
        Assert.Equal(subscriber, stored.Value);
        Assert.Equal(etag, stored.ETag);
        Assert.Equal(subscriber.CreatedAt.UtcTicks, stored.Value.CreatedAt.UtcTicks);
        Assert.Equal(subscriber.NextDueUtc, stored.Value.NextDueUtc);
    }

    [Fact]
    public async Task SubscriberTryInsertAsync_OnlyRequiredFields_GetReturnsEqualSubscriber()
    {
        var subscriber = NewSubscriber("+15550100001", SubscriberStatus.Pending);

        await Stores.Subscribers.TryInsertAsync(subscriber, Ct);
        var stored = await Stores.Subscribers.GetAsync(subscriber.Phone, Ct);

        Assert.Equal(subscriber, stored?.Value);
    }

    [Fact]
    public async Task SubscriberGetAsync_Missing_ReturnsNull()
    {
        Assert.Null(await Stores.Subscribers.GetAsync(PhoneNumber.FromE164("+15550100001"), Ct));
    }

    [Fact]
    public async Task SubscriberTryInsertAsync_PhoneExists_ReturnsNullAndKeepsFirst()
    {
        var first = NewSubscriber("+15550100001");
        var firstETag = await Stores.Subscribers.TryInsertAsync(first, Ct);

        var second = await Stores.Subscribers.TryInsertAsync(FullSubscriber("+15550100001"), Ct);

        Assert.Null(second);
        var stored = await Stores.Subscribers.GetAsync(first.Phone, Ct);
        Assert.Equal(first, stored?.Value);
        Assert.Equal(firstETag, stored?.ETag);
    }

    [Fact]
    public async Task SubscriberTryReplaceAsync_CurrentETag_StoresChangeWithNewETag()
    {
        var original = NewSubscriber("+15550100001");
        var etag = await Stores.Subscribers.TryInsertAsync(original, Ct);
        var changed = FullSubscriber("+15550100001");

        var newETag = await Stores.Subscribers.TryReplaceAsync(changed, etag!, Ct);

        Assert.NotNull(newETag);
        Assert.NotEqual(etag, newETag);
        var stored = await Stores.Subscribers.GetAsync(original.Phone, Ct);
        Assert.Equal(changed, stored?.Value);
        Assert.Equal(newETag, stored?.ETag);
    }

    [Fact]
    public async Task SubscriberTryReplaceAsync_StaleETag_ReturnsNullAndChangesNothing()
    {
        var original = NewSubscriber("+15550100001");
        var staleETag = await Stores.Subscribers.TryInsertAsync(original, Ct);
        var current = original with { Name = "first edit" };
        var currentETag = await Stores.Subscribers.TryReplaceAsync(current, staleETag!, Ct);

        var result = await Stores.Subscribers.TryReplaceAsync(original with { Name = "lost update" }, staleETag!, Ct);

        Assert.Null(result);
        var stored = await Stores.Subscribers.GetAsync(original.Phone, Ct);
        Assert.Equal(current, stored?.Value);
        Assert.Equal(currentETag, stored?.ETag);
    }

    [Fact]
    public async Task SubscriberTryReplaceAsync_ConcurrentReplacesWithSameETag_ExactlyOneWins()
    {
        var original = NewSubscriber("+15550100001");
        var etag = await Stores.Subscribers.TryInsertAsync(original, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Stores.Subscribers.TryReplaceAsync(original with { DoneCount = i + 1 }, etag!, Ct)));

        var winner = Assert.Single(results, r => r is not null);
        var stored = await Stores.Subscribers.GetAsync(original.Phone, Ct);
        Assert.Equal(winner, stored?.ETag);
        Assert.Equal(Array.IndexOf(results, winner) + 1, stored?.Value.DoneCount);
    }

    [Fact]
    public async Task SubscriberTryReplaceAsync_Missing_ReturnsNullAndCreatesNothing()
    {
        var etag = await Stores.Subscribers.TryInsertAsync(NewSubscriber("+15550100001"), Ct);
        var other = NewSubscriber("+15550100002");

        var result = await Stores.Subscribers.TryReplaceAsync(other, etag!, Ct);

        Assert.Null(result);
        Assert.Null(await Stores.Subscribers.GetAsync(other.Phone, Ct));
    }

    [Fact]
    public async Task SubscriberTryReplaceAsync_ETagFromBeforeDeleteAndReinsert_ReturnsNull()
    {
        var subscriber = NewSubscriber("+15550100001");
        var oldETag = await Stores.Subscribers.TryInsertAsync(subscriber, Ct);
        await Stores.Subscribers.DeleteAsync(subscriber.Phone, Ct);
        await Stores.Subscribers.TryInsertAsync(subscriber, Ct);

        var result = await Stores.Subscribers.TryReplaceAsync(subscriber with { Name = "stale writer" }, oldETag!, Ct);

        Assert.Null(result);
        Assert.Null((await Stores.Subscribers.GetAsync(subscriber.Phone, Ct))?.Value.Name);
    }

    [Fact]
    public async Task SubscriberDeleteAsync_Existing_ReturnsTrueAndRemovesOnlyThatSubscriber()
    {
        var gone = NewSubscriber("+15550100001");
        var kept = NewSubscriber("+15550100002");
        await Stores.Subscribers.TryInsertAsync(gone, Ct);
        await Stores.Subscribers.TryInsertAsync(kept, Ct);

        var deleted = await Stores.Subscribers.DeleteAsync(gone.Phone, Ct);

        Assert.True(deleted);
        Assert.Null(await Stores.Subscribers.GetAsync(gone.Phone, Ct));
        Assert.Equal(kept, (await Stores.Subscribers.GetAsync(kept.Phone, Ct))?.Value);
    }

    [Fact]
    public async Task SubscriberDeleteAsync_Missing_ReturnsFalse()
    {
        Assert.False(await Stores.Subscribers.DeleteAsync(PhoneNumber.FromE164("+15550100001"), Ct));
    }

    [Fact]
    public async Task SubscriberListAsync_250SubscribersPageSize100_ReturnsEachOnceInPhoneOrder()
    {
        var all = await SeedSubscribersAsync(250);

        var pages = await ListAllPagesAsync(status: null, pageSize: 100);

        Assert.All(pages, page => Assert.InRange(page.Count, 0, 100));
        Assert.True(pages.Count >= 3, $"250 rows in pages of 100 came back in {pages.Count} page(s).");
        var listed = pages.SelectMany(page => page).ToList();
        Assert.Equal(all.Select(s => s.Phone.Value).Order(StringComparer.Ordinal), listed.Select(s => s.Phone.Value));
        Assert.Equal(all.OrderBy(s => s.Phone.Value, StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task SubscriberListAsync_1200Subscribers_PagesBeyond1000InPhoneOrder()
    {
        var all = await SeedSubscribersAsync(1200);
        var expected = all.Select(s => s.Phone.Value).Order(StringComparer.Ordinal).ToList();

        var thousands = await ListAllPagesAsync(status: null, pageSize: 1000);
        var pages = await ListAllPagesAsync(status: null, pageSize: 450);

        Assert.Equal(1000, thousands[0].Count);
        Assert.Equal(expected, thousands.SelectMany(page => page).Select(s => s.Phone.Value));
        Assert.All(pages, page => Assert.InRange(page.Count, 0, 450));
        Assert.Equal(expected, pages.SelectMany(page => page).Select(s => s.Phone.Value));
    }

    [Fact]
    public async Task SubscriberListAsync_StatusFilter_ReturnsExactlyThoseWithThatStatus()
    {
        var all = await SeedSubscribersAsync(250);

        var listed = (await ListAllPagesAsync(SubscriberStatus.Paused, pageSize: 100)).SelectMany(page => page).ToList();

        var expected = all.Where(s => s.Status == SubscriberStatus.Paused).Select(s => s.Phone.Value).Order(StringComparer.Ordinal);
        Assert.Equal(expected, listed.Select(s => s.Phone.Value));
        Assert.All(listed, s => Assert.Equal(SubscriberStatus.Paused, s.Status));
    }

    [Fact]
    public async Task SubscriberListAsync_EmptyStore_ReturnsOneEmptyLastPage()
    {
        var page = await Stores.Subscribers.ListAsync(null, 100, null, Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task SubscriberListAsync_ExactlyOnePageOfRows_LastPageHasNoToken()
    {
        await SeedSubscribersAsync(5);

        var listed = (await ListAllPagesAsync(status: null, pageSize: 5)).SelectMany(page => page).ToList();

        Assert.Equal(5, listed.Count);
    }

    [Fact]
    public async Task SubscriberListAsync_MalformedContinuationToken_ThrowsArgumentException()
    {
        await SeedSubscribersAsync(3);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Stores.Subscribers.ListAsync(null, 100, "not a token!", Ct));
    }

    /// <summary>Inserts <paramref name="count"/> subscribers with statuses in rotation, in an order unlike phone order.</summary>
    private async Task<List<Subscriber>> SeedSubscribersAsync(int count)
    {
        var statuses = Enum.GetValues<SubscriberStatus>();
        var subscribers = Enumerable.Range(0, count)
            .Select(i => NewSubscriber($"+1555{i * 7919 % 9973:D7}", statuses[i % statuses.Length]))
            .ToList();
        foreach (var subscriber in subscribers)
        {
            Assert.NotNull(await Stores.Subscribers.TryInsertAsync(subscriber, Ct));
        }

        return subscribers;
    }

    /// <summary>Follows continuation tokens to the end; a store may return short or empty pages before the last one.</summary>
    private async Task<List<IReadOnlyList<Subscriber>>> ListAllPagesAsync(SubscriberStatus? status, int pageSize)
    {
        var pages = new List<IReadOnlyList<Subscriber>>();
        string? token = null;
        do
        {
            var page = await Stores.Subscribers.ListAsync(status, pageSize, token, Ct);
            pages.Add(page.Items);
            token = page.ContinuationToken;
            Assert.True(pages.Count <= 1_000, "The listing never ended.");
        }
        while (token is not null);

        return pages;
    }
}
