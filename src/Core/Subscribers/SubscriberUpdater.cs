using Reminders.Core.Storage;

namespace Reminders.Core.Subscribers;

/// <summary>
/// Read-modify-write of one subscriber with ETag retries, keeping the due index in step with
/// <see cref="Subscriber.NextDueUtc"/>: the new index row is written before the subscriber and the old
/// one removed after, so a crash leaves at worst a stale row (which the scan discards), never a missing one.
/// </summary>
public sealed class SubscriberUpdater(ISubscriberStore subscribers, IScheduleIndex index)
{
    private const int MaxAttempts = 8;

    /// <summary>
    /// Applies <paramref name="change"/> to the stored subscriber and stores the result. The change may return
    /// the same record (nothing is written) or null to abort. Returns the stored result, or null when there is
    /// no such subscriber.
    /// </summary>
    /// <exception cref="InvalidOperationException">Other writers kept winning for every attempt.</exception>
    public async Task<Stored<Subscriber>?> UpdateAsync(
        PhoneNumber phone,
        Func<Subscriber, Subscriber?> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await subscribers.GetAsync(phone, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            var next = change(stored.Value);
            if (next is null || next.Equals(stored.Value))
            {
                return stored;
            }

            var etag = await ReplaceKeepingIndexAsync(stored, next, cancellationToken);
            if (etag is not null)
            {
                return new Stored<Subscriber>(next, etag);
            }
        }

        throw new InvalidOperationException($"Subscriber {phone.Masked} kept changing under {MaxAttempts} attempts to update it.");
    }

    /// <summary>Inserts a new subscriber and its index row. Returns the ETag, or null when the phone exists.</summary>
    public async Task<string?> InsertAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.NextDueUtc is { } due)
        {
            await index.AddAsync(new ScheduleEntry(subscriber.Phone.Value, due), cancellationToken);
        }

        var etag = await subscribers.TryInsertAsync(subscriber, cancellationToken);
        if (etag is null && subscriber.NextDueUtc is { } added)
        {
            var existing = await subscribers.GetAsync(subscriber.Phone, cancellationToken);
            if (existing?.Value.NextDueUtc != added)
            {
                await index.RemoveAsync(new ScheduleEntry(subscriber.Phone.Value, added), cancellationToken);
            }
        }

        return etag;
    }

    /// <summary>Deletes the subscriber and its index row.</summary>
    public async Task<bool> DeleteAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        var stored = await subscribers.GetAsync(phone, cancellationToken);
        if (stored is null)
        {
            return false;
        }

        var deleted = await subscribers.DeleteAsync(phone, cancellationToken);
        if (stored.Value.NextDueUtc is { } due)
        {
            await index.RemoveAsync(new ScheduleEntry(phone.Value, due), cancellationToken);
        }

        return deleted;
    }

    private async Task<string?> ReplaceKeepingIndexAsync(Stored<Subscriber> stored, Subscriber next, CancellationToken cancellationToken)
    {
        var oldDue = stored.Value.NextDueUtc;
        var newDue = next.NextDueUtc;
        var phone = next.Phone.Value;
        if (newDue is { } add && add != oldDue)
        {
            await index.AddAsync(new ScheduleEntry(phone, add), cancellationToken);
        }

        var etag = await subscribers.TryReplaceAsync(next, stored.ETag, cancellationToken);
        if (etag is null)
        {
            // The row added above is left in place. A concurrent writer that won may have computed the same due instant
            // and written the very same row; removing "ours" would remove its row and the subscriber would never be due
            // again (the fault suite's duplicate timer fires found exactly that). A row nobody points at is stale, and
            // the scan discards it.
            return null;
        }

        if (oldDue is { } remove && remove != newDue)
        {
            await index.RemoveAsync(new ScheduleEntry(phone, remove), cancellationToken);
        }

        return etag;
    }
}
