using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage;

/// <summary>Subscribers keyed by phone number. Writes that can race use ETags or insert-if-absent.</summary>
public interface ISubscriberStore
{
    /// <summary>The subscriber and its ETag, or null.</summary>
    Task<Stored<Subscriber>?> GetAsync(PhoneNumber phone, CancellationToken cancellationToken);

    /// <summary>Inserts when no subscriber has that phone. Returns the new ETag, or null when one already exists.</summary>
    Task<string?> TryInsertAsync(Subscriber subscriber, CancellationToken cancellationToken);

    /// <summary>Replaces the subscriber when its ETag still matches. Returns the new ETag, or null when stale or missing.</summary>
    Task<string?> TryReplaceAsync(Subscriber subscriber, string ifMatch, CancellationToken cancellationToken);

    /// <summary>Deletes the subscriber; returns false when there was none.</summary>
    Task<bool> DeleteAsync(PhoneNumber phone, CancellationToken cancellationToken);

    /// <summary>Pages through subscribers in phone order, optionally only those with <paramref name="status"/>.</summary>
    Task<Page<Subscriber>> ListAsync(SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken);
}
