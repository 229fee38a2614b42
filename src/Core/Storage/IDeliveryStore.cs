using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage;

/// <summary>Deliveries keyed by (phone, key). The claim is insert-if-absent: exactly one of racing claims wins.</summary>
public interface IDeliveryStore
{
    /// <summary>Inserts the claim; false when a delivery with the same (phone, key) exists.</summary>
    Task<bool> TryClaimAsync(DeliveryRecord delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Claims many deliveries, each as <see cref="TryClaimTaggedAsync"/> would, in order; element i is the version tag of
    /// <paramref name="claims"/>[i]'s stored claim when it won (for <see cref="TryClaimTaggedAsync"/>'s outcome write),
    /// or null when it lost. A store with transactions writes them all in one. This default claims one after another.
    /// </summary>
    async Task<IReadOnlyList<string?>> TryClaimManyAsync(IReadOnlyList<DeliveryRecord> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var tags = new string?[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            tags[i] = await TryClaimTaggedAsync(claims[i], cancellationToken);
        }

        return tags;
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

    /// <summary>
    /// As <see cref="TryClaimAsync"/>, and returns the version tag of the stored claim for
    /// <see cref="TryAdvanceClaimAsync"/>, or null when a delivery with the same (phone, key) exists. The default returns
    /// an empty tag, which <see cref="TryAdvanceClaimAsync"/> treats as unknown.
    /// </summary>
    async Task<string?> TryClaimTaggedAsync(DeliveryRecord delivery, CancellationToken cancellationToken) =>
        await TryClaimAsync(delivery, cancellationToken) ? string.Empty : null;

    /// <summary>
    /// <see cref="TryAdvanceAsync"/> for the claimant, who knows the claim's tag from <see cref="TryClaimTaggedAsync"/>: a
    /// store replaces the row in one conditional write while it still has that tag (no read; the claim ranks below every
    /// outcome) and falls back to <see cref="TryAdvanceAsync"/> when it changed (a status callback came first). The default
    /// is <see cref="TryAdvanceAsync"/>.
    /// </summary>
    Task<bool> TryAdvanceClaimAsync(DeliveryRecord delivery, string claimTag, CancellationToken cancellationToken) =>
        TryAdvanceAsync(delivery, cancellationToken);

    /// <summary>The delivery, or null.</summary>
    Task<DeliveryRecord?> GetAsync(PhoneNumber phone, string key, CancellationToken cancellationToken);

    /// <summary>The subscriber's deliveries with local dates in [<paramref name="from"/>, <paramref name="to"/>], oldest first.</summary>
    Task<IReadOnlyList<DeliveryRecord>> ListAsync(PhoneNumber phone, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
