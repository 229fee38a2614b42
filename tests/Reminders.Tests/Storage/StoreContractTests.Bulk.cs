using Reminders.Core.Delivery;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;

namespace Reminders.Tests.Storage;

/// <summary>
/// Contract of the bulk and tagged calls (<see cref="IScheduleIndex.MoveManyAsync"/>,
/// <see cref="IDeliveryStore.TryClaimTaggedAsync"/>, <see cref="IDeliveryStore.TryAdvanceClaimAsync"/>): the same results
/// as the one-row calls, whichever store, including the defaults a store does not override.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset MoveDue = new(2026, 3, 1, 13, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task ScheduleMoveManyAsync_MoreRowsThanOneTransactionInOnePartition_MovesEveryRow()
    {
        // 130 phones of one shard: one partition holds more rows than one entity-group transaction may (100).
        var phones = Enumerable.Range(0, 3000).Select(i => $"+1555{i:D7}").Where(p => ScheduleKeys.Shard(p) == 3).Take(130).ToList();
        var plan = new SchedulePlan("America/New_York", new TimeOnly(9, 30), Held: false);
        foreach (var phone in phones)
        {
            await Stores.Schedule.AddAsync(new ScheduleEntry(phone, MoveDue) { Plan = plan }, Ct);
        }

        // One row is already gone (another scan moved it), and the last subscriber gets no further row.
        await Stores.Schedule.RemoveAsync(new ScheduleEntry(phones[7], MoveDue), Ct);
        var moves = phones.Select((phone, i) => new ScheduleMove(
            new ScheduleEntry(phone, MoveDue),
            i == phones.Count - 1 ? null : new ScheduleEntry(phone, MoveDue.AddDays(1)) { Plan = plan })).ToList();

        var tags = await Stores.Schedule.MoveManyAsync(moves, Ct);
        // Repeating the moves (a retry after a failure) changes nothing.
        await Stores.Schedule.MoveManyAsync(moves, Ct);

        Assert.Equal(moves.Count, tags.Count);
        Assert.Null(tags[^1]);
        Assert.Empty(await Stores.Schedule.ReadDueAsync(MoveDue, MoveDue, Ct));
        var moved = await Stores.Schedule.ReadDueAsync(MoveDue.AddDays(1), MoveDue.AddDays(1), Ct);
        Assert.Equal(phones.Take(phones.Count - 1).Order(StringComparer.Ordinal), moved.Select(e => e.Phone));
        Assert.All(moved, row => Assert.True(row.Plan is null || row.Plan == plan, "a store that keeps the plan returns it as written"));
    }

    [Fact]
    public async Task DeliveryTryClaimTaggedAsync_SecondClaimOfTheDay_ReturnsNull()
    {
        var claim = NewDelivery(AdvancePhone, new DateOnly(2026, 3, 1)) with { ClaimId = DeliveryRecord.NewClaimId() };

        Assert.NotNull(await Stores.Deliveries.TryClaimTaggedAsync(claim, Ct));
        Assert.Null(await Stores.Deliveries.TryClaimTaggedAsync(claim with { ClaimId = DeliveryRecord.NewClaimId() }, Ct));

        Assert.Equal(claim, await Stores.Deliveries.GetAsync(AdvancePhone, claim.Key, Ct));
    }

    [Fact]
    public async Task DeliveryTryAdvanceClaimAsync_UnchangedClaim_StoresTheOutcome()
    {
        var claim = NewDelivery(AdvancePhone, new DateOnly(2026, 3, 1)) with { Status = DeliveryStatus.Claimed, ClaimId = DeliveryRecord.NewClaimId() };
        var tag = await Stores.Deliveries.TryClaimTaggedAsync(claim, Ct);
        var accepted = claim with { Status = DeliveryStatus.Accepted, ProviderMessageId = "SM1", UpdatedAt = claim.UpdatedAt.AddSeconds(1) };

        Assert.True(await Stores.Deliveries.TryAdvanceClaimAsync(accepted, tag!, Ct));

        Assert.Equal(accepted, await Stores.Deliveries.GetAsync(AdvancePhone, claim.Key, Ct));
    }

    [Fact]
    public async Task DeliveryTryAdvanceClaimAsync_StatusCallbackCameFirst_KeepsTheHigherStatus()
    {
        var claim = NewDelivery(AdvancePhone, new DateOnly(2026, 3, 1)) with { Status = DeliveryStatus.Claimed, ClaimId = DeliveryRecord.NewClaimId() };
        var tag = await Stores.Deliveries.TryClaimTaggedAsync(claim, Ct);
        var delivered = claim with { Status = DeliveryStatus.Delivered, ProviderMessageId = "SM1", UpdatedAt = claim.UpdatedAt.AddSeconds(2) };
        Assert.True(await Stores.Deliveries.TryAdvanceAsync(delivered, Ct));

        var moved = await Stores.Deliveries.TryAdvanceClaimAsync(
            claim with { Status = DeliveryStatus.Accepted, ProviderMessageId = "SM1", UpdatedAt = claim.UpdatedAt.AddSeconds(1) }, tag!, Ct);

        Assert.False(moved);
        Assert.Equal(delivered, await Stores.Deliveries.GetAsync(AdvancePhone, claim.Key, Ct));
    }
}
