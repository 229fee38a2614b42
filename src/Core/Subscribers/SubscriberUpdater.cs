using Reminders.Core.Storage;

namespace Reminders.Core.Subscribers;

/// <summary>
/// Read-modify-write of one subscriber with ETag retries, keeping the due index in step with
/// <see cref="Subscriber.NextDueUtc"/>: the new index row is written before the subscriber and the old
/// one removed after, so a crash leaves at worst a stale row (which the scan or the sender discards), never a missing one.
/// Index rows carry the subscriber's <see cref="SchedulePlan"/>, so a change of the plan rewrites the row.
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
    public Task<Stored<Subscriber>?> UpdateAsync(
        PhoneNumber phone,
        Func<Subscriber, Subscriber?> change,
        CancellationToken cancellationToken) => UpdateCoreAsync(phone, null, change, null, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(PhoneNumber, Func{Subscriber, Subscriber?}, CancellationToken)"/>, but starts from
    /// <paramref name="read"/> when given instead of reading again: the first replace is conditional on its ETag, and only
    /// when someone wrote meanwhile (412) is the subscriber read and the change applied again.
    /// </summary>
    /// <param name="phone">The subscriber.</param>
    /// <param name="read">The subscriber as the caller read it, or null to read it first.</param>
    /// <param name="change">The change, as for the other overload.</param>
    /// <param name="moved">
    /// An index move the due scan already made for this subscriber (<see cref="ScheduleMove.From"/> removed,
    /// <see cref="ScheduleMove.To"/> added): a change of <see cref="Subscriber.NextDueUtc"/> from the one to the other
    /// writes no index row. Null when nothing was moved.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Stored<Subscriber>?> UpdateAsync(
        PhoneNumber phone,
        Stored<Subscriber>? read,
        Func<Subscriber, Subscriber?> change,
        ScheduleMove? moved,
        CancellationToken cancellationToken) => UpdateCoreAsync(phone, read, change, moved, cancellationToken);

    /// <summary>
    /// Removes the row the due scan moved a subscriber to, after the subscriber turned out to have moved on (a stale row)
    /// or to be gone: only while the row still has the <paramref name="tag"/> the scan wrote, because a subscriber update
    /// that computed the same instant may have written it again (its row is written before the subscriber).
    /// </summary>
    public Task DropMovedRowAsync(ScheduleEntry row, string tag, CancellationToken cancellationToken) =>
        index.RemoveIfUnchangedAsync(row, tag, cancellationToken);

    private async Task<Stored<Subscriber>?> UpdateCoreAsync(
        PhoneNumber phone,
        Stored<Subscriber>? read,
        Func<Subscriber, Subscriber?> change,
        ScheduleMove? moved,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = attempt == 0 && read is not null ? read : await subscribers.GetAsync(phone, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            var next = change(stored.Value);
            if (next is null || next.Equals(stored.Value))
            {
                return stored;
            }

            var etag = await ReplaceKeepingIndexAsync(stored, next, moved, cancellationToken);
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
            await index.AddAsync(ScheduleEntry.For(subscriber, due), cancellationToken);
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

    private async Task<string?> ReplaceKeepingIndexAsync(
        Stored<Subscriber> stored, Subscriber next, ScheduleMove? moved, CancellationToken cancellationToken)
    {
        var oldDue = stored.Value.NextDueUtc;
        var newDue = next.NextDueUtc;
        var phone = next.Phone.Value;
        var plan = SchedulePlan.Of(next);
        // The scan already moved the row from oldDue to newDue (with this plan): nothing to write in the index.
        var alreadyMoved = moved is not null && moved.From.DueUtc == oldDue && moved.To?.DueUtc == newDue
            && (moved.To is null || moved.To.Plan == plan);
        // The row carries the plan, so a plan change rewrites the row even when the instant stays.
        if (!alreadyMoved && newDue is { } add && (add != oldDue || plan != SchedulePlan.Of(stored.Value)))
        {
            await index.AddAsync(ScheduleEntry.For(next, add), cancellationToken);
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

        if (!alreadyMoved && oldDue is { } remove && remove != newDue)
        {
            await index.RemoveAsync(new ScheduleEntry(phone, remove), cancellationToken);
        }

        return etag;
    }
}
