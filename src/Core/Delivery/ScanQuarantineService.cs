using Microsoft.Extensions.Logging;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Delivery;

/// <summary>
/// The admin side of the scan quarantine: what is in it, and putting a subscriber back once the data is fixed.
/// Putting back computes the next due instant afresh from the stored subscriber; if that still fails the row stays
/// quarantined and the reason is returned.
/// </summary>
public sealed partial class ScanQuarantineService(
    IScanQuarantine quarantine,
    IScheduleIndex index,
    SubscriberUpdater updater,
    TimeProvider time,
    ILogger<ScanQuarantineService> logger)
{
    public Task<IReadOnlyList<QuarantinedRow>> ListAsync(CancellationToken cancellationToken) => quarantine.ListAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) => quarantine.CountAsync(cancellationToken);

    /// <summary>Puts the quarantined subscriber of <paramref name="phone"/> back into the due index.</summary>
    public async Task<QuarantineRelease> ReleaseAsync(PhoneNumber phone, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var entry = await quarantine.GetAsync(phone.Value, cancellationToken);
        if (entry is not { Quarantined: true })
        {
            return new QuarantineRelease(QuarantineReleaseOutcome.NotQuarantined, null, null);
        }

        var now = time.GetUtcNow();
        DateTimeOffset? next = null;
        Stored<Subscriber>? stored;
        try
        {
            stored = await updater.UpdateAsync(
                phone,
                subscriber =>
                {
                    next = subscriber.Status is SubscriberStatus.Active or SubscriberStatus.Paused
                        ? SendSchedule.NextDue(subscriber.TimeZone, subscriber.SendAt, subscriber.LastSentLocalDate, now)
                        : null;
                    return subscriber with { NextDueUtc = next };
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not InvalidOperationException)
        {
            var reason = DueScanner.Reason(ex, phone.Value, phone.Masked);
            LogStillBroken(phone.Masked, actor, reason);
            return new QuarantineRelease(QuarantineReleaseOutcome.StillBroken, null, reason);
        }

        if (stored is not null && next is { } due)
        {
            // The update writes the index row only when the instant changed; the quarantined row was removed, so add it.
            await index.AddAsync(ScheduleEntry.For(stored.Value, due), cancellationToken);
        }

        await quarantine.RemoveAsync(phone.Value, cancellationToken);
        LogReleased(phone.Masked, actor, next);
        return new QuarantineRelease(QuarantineReleaseOutcome.Released, next, null);
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Scan quarantine: {Actor} put {Phone} back, next due {NextDue}")]
    private partial void LogReleased(string phone, string actor, DateTimeOffset? nextDue);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Scan quarantine: {Actor} could not put {Phone} back: {Reason}")]
    private partial void LogStillBroken(string phone, string actor, string reason);
}

/// <summary>What putting a quarantined subscriber back did.</summary>
public enum QuarantineReleaseOutcome
{
    /// <summary>Nothing quarantined under that number.</summary>
    NotQuarantined,

    /// <summary>Back in the due index (or, when not active or paused, simply out of the quarantine).</summary>
    Released,

    /// <summary>The stored subscriber still cannot be scheduled; it stays quarantined.</summary>
    StillBroken,
}

/// <summary>The outcome, the next due instant when released, and the reason when still broken.</summary>
public sealed record QuarantineRelease(QuarantineReleaseOutcome Outcome, DateTimeOffset? NextDueUtc, string? Reason);
