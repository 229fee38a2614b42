using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage;

/// <summary>Deliveries keyed by (phone, key). The claim is insert-if-absent: exactly one of racing claims wins.</summary>
public interface IDeliveryStore
{
    /// <summary>Inserts the claim; false when a delivery with the same (phone, key) exists.</summary>
    Task<bool> TryClaimAsync(DeliveryRecord delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Claims many deliveries, each as <see cref="TryClaimAsync"/> would, in order; element i is true when
    /// <paramref name="claims"/>[i] won. A store with transactions writes them all in one. This default claims one
    /// after another.
    /// </summary>
    async Task<IReadOnlyList<bool>> TryClaimManyAsync(IReadOnlyList<DeliveryRecord> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var won = new bool[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            won[i] = await TryClaimAsync(claims[i], cancellationToken);
        }

        return won;
    }

    /// <summary>Overwrites an existing delivery (outcome, status callbacks); throws <see cref="InvalidOperationException"/> when it was never claimed.</summary>
    Task UpdateAsync(DeliveryRecord delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the stored delivery with <paramref name="delivery"/> only when the stored status ranks below
    /// <paramref name="delivery"/>'s (the order of <see cref="DeliveryStatus"/>), as one atomic step. False when there
    /// is no such delivery or its status already ranks the same or higher, so a late or racing status callback never
    /// moves a delivery backwards.
    /// </summary>
    Task<bool> TryAdvanceAsync(DeliveryRecord delivery, CancellationToken cancellationToken);

    /// <summary>The delivery, or null.</summary>
    Task<DeliveryRecord?> GetAsync(PhoneNumber phone, string key, CancellationToken cancellationToken);

    /// <summary>The subscriber's deliveries with local dates in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    Task<IReadOnlyList<DeliveryRecord>> ListAsync(PhoneNumber phone, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
