using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>Contract of <see cref="Reminders.Core.Storage.IDeliveryStore.TryAdvanceAsync"/>: status only ever moves up.</summary>
public abstract partial class StoreContractTests
{
    private static readonly PhoneNumber AdvancePhone = PhoneNumber.FromE164("+15550100003");

    [Fact]
    public async Task DeliveryTryAdvanceAsync_HigherStatus_ReplacesEveryField()
    {
        var claim = NewDelivery(AdvancePhone, new DateOnly(2026, 3, 1)) with { Status = DeliveryStatus.Accepted, ProviderMessageId = "SM1" };
        await Stores.Deliveries.TryClaimAsync(claim, Ct);
        var delivered = claim with { Status = DeliveryStatus.Undelivered, ErrorCode = 30005, Detail = "Unknown destination handset", UpdatedAt = claim.UpdatedAt.AddMinutes(2) };

        Assert.True(await Stores.Deliveries.TryAdvanceAsync(delivered, Ct));

        Assert.Equal(delivered, await Stores.Deliveries.GetAsync(AdvancePhone, claim.Key, Ct));
    }

    [Theory]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Sent)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Failed, DeliveryStatus.Accepted)]
    public async Task DeliveryTryAdvanceAsync_SameOrLowerStatus_ReturnsFalseAndKeepsStored(DeliveryStatus stored, DeliveryStatus late)
    {
        var current = NewDelivery(AdvancePhone, new DateOnly(2026, 3, 1)) with { Status = stored, ProviderMessageId = "SM1" };
        await Stores.Deliveries.TryClaimAsync(current, Ct);

        var moved = await Stores.Deliveries.TryAdvanceAsync(current with { Status = late, Detail = "late" }, Ct);

        Assert.False(moved);
        Assert.Equal(current, await Stores.Deliveries.GetAsync(AdvancePhone, current.Key, Ct));
    }

    [Fact]
    public async Task DeliveryTryAdvanceAsync_NeverClaimed_ReturnsFalseAndCreatesNothing()
    {
        var unclaimed = NewDelivery(AdvancePhone, new DateOnly(2026, 3, 1)) with { Status = DeliveryStatus.Delivered };

        Assert.False(await Stores.Deliveries.TryAdvanceAsync(unclaimed, Ct));

        Assert.Null(await Stores.Deliveries.GetAsync(AdvancePhone, unclaimed.Key, Ct));
    }

    [Fact]
    public async Task DeliveryTryAdvanceAsync_RacingCallbacks_EndsAtHighestStatus()
    {
        var claim = NewDelivery(AdvancePhone, new DateOnly(2026, 3, 1)) with { Status = DeliveryStatus.Accepted };
        await Stores.Deliveries.TryClaimAsync(claim, Ct);
        DeliveryStatus[] callbacks = [DeliveryStatus.Sent, DeliveryStatus.Delivered, DeliveryStatus.Sent, DeliveryStatus.Accepted, DeliveryStatus.Delivered, DeliveryStatus.Sent];

        await Task.WhenAll(callbacks.Select(status => Stores.Deliveries.TryAdvanceAsync(claim with { Status = status }, Ct)));

        Assert.Equal(DeliveryStatus.Delivered, (await Stores.Deliveries.GetAsync(AdvancePhone, claim.Key, Ct))?.Status);
    }
}
