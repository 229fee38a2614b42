using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>Contract of <see cref="Reminders.Core.Storage.IDeliveryStore"/> (the concurrent claim test is in the main file).</summary>
public abstract partial class StoreContractTests
{
    private static readonly PhoneNumber DeliveryPhone = PhoneNumber.FromE164("+15550100001");

    [Fact]
    public async Task DeliveryTryClaimAsync_FreeKey_ReturnsTrueAndGetReturnsClaim()
    {
        var claim = NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1));

        Assert.True(await Stores.Deliveries.TryClaimAsync(claim, Ct));

        Assert.Equal(claim, await Stores.Deliveries.GetAsync(DeliveryPhone, claim.Key, Ct));
    }

    [Fact]
    public async Task DeliveryTryClaimManyAsync_MixOfFreeTakenAndRepeatedKeys_EachAnsweredAsItsOwnClaimWouldBe()
    {
        var taken = NewDelivery(DeliveryPhone, new DateOnly(2026, 4, 1), "earlier");
        await Stores.Deliveries.TryClaimAsync(taken, Ct);
        var free = NewDelivery(DeliveryPhone, new DateOnly(2026, 4, 2), "free");
        var other = NewDelivery(PhoneNumber.FromE164("+15550100002"), new DateOnly(2026, 4, 1), "other phone");
        var rival = free with { PromptId = "rival", ClaimId = "rival-claim" };

        var won = await Stores.Deliveries.TryClaimManyAsync([free, taken with { PromptId = "late", ClaimId = "late-claim" }, other, rival], Ct);

        Assert.Equal(new[] { true, false, true, false }, won.Select(tag => tag is not null));
        Assert.Equal(free, await Stores.Deliveries.GetAsync(DeliveryPhone, free.Key, Ct));
        Assert.Equal(taken, await Stores.Deliveries.GetAsync(DeliveryPhone, taken.Key, Ct));
        Assert.Equal(other, await Stores.Deliveries.GetAsync(other.Phone, other.Key, Ct));
        Assert.Empty(await Stores.Deliveries.TryClaimManyAsync([], Ct));
    }

    [Fact]
    public async Task DeliveryUpdateAsync_NeverClaimed_ThrowsAndStoresNothing()
    {
        var unclaimed = NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Stores.Deliveries.UpdateAsync(unclaimed, Ct));

        Assert.Null(await Stores.Deliveries.GetAsync(DeliveryPhone, unclaimed.Key, Ct));
    }

    [Fact]
    public async Task DeliveryTryClaimAsync_KeyTaken_ReturnsFalseAndKeepsFirstClaim()
    {
        var first = NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1), "first");
        await Stores.Deliveries.TryClaimAsync(first, Ct);

        var second = await Stores.Deliveries.TryClaimAsync(first with { PromptId = "second" }, Ct);

        Assert.False(second);
        Assert.Equal(first, await Stores.Deliveries.GetAsync(DeliveryPhone, first.Key, Ct));
    }

    [Fact]
    public async Task DeliveryTryClaimAsync_SameClaimIdAgain_StillOwnedAndUnchanged()
    {
        var claim = NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1)) with { ClaimId = "claim-a" };
        Assert.True(await Stores.Deliveries.TryClaimAsync(claim, Ct));

        var again = await Stores.Deliveries.TryClaimAsync(claim with { PromptId = "other" }, Ct);
        var someoneElse = await Stores.Deliveries.TryClaimAsync(claim with { ClaimId = "claim-b" }, Ct);
        var noId = await Stores.Deliveries.TryClaimAsync(claim with { ClaimId = null }, Ct);

        Assert.True(again);
        Assert.False(someoneElse);
        Assert.False(noId);
        Assert.Equal(claim, await Stores.Deliveries.GetAsync(DeliveryPhone, claim.Key, Ct));
    }

    [Fact]
    public async Task DeliveryTryAdvanceAsync_KeepsTheClaimId()
    {
        var claim = NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1)) with { ClaimId = "claim-a" };
        await Stores.Deliveries.TryClaimAsync(claim, Ct);

        Assert.True(await Stores.Deliveries.TryAdvanceAsync(claim with { Status = DeliveryStatus.Accepted, ClaimId = null }, Ct));

        var stored = await Stores.Deliveries.GetAsync(DeliveryPhone, claim.Key, Ct);
        Assert.Equal((DeliveryStatus.Accepted, "claim-a"), (stored!.Status, stored.ClaimId));
    }

    [Fact]
    public async Task DeliveryTryClaimAsync_OtherKeyOrOtherPhone_ReturnsTrue()
    {
        var date = new DateOnly(2026, 3, 1);
        await Stores.Deliveries.TryClaimAsync(NewDelivery(DeliveryPhone, date), Ct);

        var extra = await Stores.Deliveries.TryClaimAsync(NewDelivery(DeliveryPhone, date) with { Key = "2026-03-01-more1" }, Ct);
        var otherPhone = await Stores.Deliveries.TryClaimAsync(NewDelivery(PhoneNumber.FromE164("+15550100002"), date), Ct);

        Assert.True(extra);
        Assert.True(otherPhone);
    }

    [Fact]
    public async Task DeliveryGetAsync_Missing_ReturnsNull()
    {
        await Stores.Deliveries.TryClaimAsync(NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1)), Ct);

        Assert.Null(await Stores.Deliveries.GetAsync(DeliveryPhone, "2026-03-02", Ct));
        Assert.Null(await Stores.Deliveries.GetAsync(PhoneNumber.FromE164("+15550100002"), "2026-03-01", Ct));
    }

    [Fact]
    public async Task DeliveryUpdateAsync_ExistingClaim_GetReturnsEveryUpdatedField()
    {
        var claim = NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1));
        await Stores.Deliveries.TryClaimAsync(claim, Ct);
        var outcome = claim with
        {
            Status = DeliveryStatus.Undelivered,
            UpdatedAt = claim.UpdatedAt.AddMinutes(3).AddTicks(42),
            ProviderMessageId = "SM0123456789abcdef0123456789abcdef",
            ErrorCode = 30006,
            Detail = "Landline or unreachable carrier",
        };

        await Stores.Deliveries.UpdateAsync(outcome, Ct);

        Assert.Equal(outcome, await Stores.Deliveries.GetAsync(DeliveryPhone, claim.Key, Ct));
    }

    [Fact]
    public async Task DeliveryUpdateAsync_FieldsClearedAgain_GetReturnsNulls()
    {
        var claim = NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1)) with { ErrorCode = 20429, Detail = "retrying" };
        await Stores.Deliveries.TryClaimAsync(claim, Ct);
        var cleared = claim with { Status = DeliveryStatus.Accepted, ErrorCode = null, Detail = null, PromptId = null };

        await Stores.Deliveries.UpdateAsync(cleared, Ct);

        Assert.Equal(cleared, await Stores.Deliveries.GetAsync(DeliveryPhone, claim.Key, Ct));
    }

    [Fact]
    public async Task DeliveryListAsync_DateRange_ReturnsThatPhonesDeliveriesInRangeOldestFirst()
    {
        var other = PhoneNumber.FromE164("+15550100002");
        var inRange = new[]
        {
            NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1)),
            NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1)) with { Key = "2026-03-01-more1" },
            NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 2)),
            NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 7)),
        };
        var outOfRange = new[]
        {
            NewDelivery(DeliveryPhone, new DateOnly(2026, 2, 28)),
            NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 8)),
            NewDelivery(other, new DateOnly(2026, 3, 3)),
        };
        foreach (var delivery in outOfRange.Concat(inRange).Reverse())
        {
            Assert.True(await Stores.Deliveries.TryClaimAsync(delivery, Ct));
        }

        var listed = await Stores.Deliveries.ListAsync(DeliveryPhone, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 7), Ct);

        Assert.Equal(inRange, listed);
    }

    [Fact]
    public async Task DeliveryListAsync_NothingInRange_ReturnsEmpty()
    {
        await Stores.Deliveries.TryClaimAsync(NewDelivery(DeliveryPhone, new DateOnly(2026, 3, 1)), Ct);

        Assert.Empty(await Stores.Deliveries.ListAsync(DeliveryPhone, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 31), Ct));
    }

    private static DeliveryRecord NewDelivery(PhoneNumber phone, DateOnly localDate, string? promptId = "hug-20s")
    {
        var at = new DateTimeOffset(localDate, new TimeOnly(13, 0), TimeSpan.Zero).AddTicks(7_654_321);
        return new DeliveryRecord(phone, DeliveryRecord.DailyKey(localDate), localDate, promptId, DeliveryStatus.Claimed, at, at);
    }
}
