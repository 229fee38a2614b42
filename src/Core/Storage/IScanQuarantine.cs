namespace Reminders.Core.Storage;

/// <summary>
/// Due-index rows the scan could not handle. A failing row is counted here; after
/// <see cref="Scheduling.DeliveryOptions.ScanFailuresBeforeQuarantine"/> failures in a row it is quarantined: the row
/// leaves the due index (so it no longer holds the scan cursor) and waits here until an admin puts it back.
/// One entry per phone, so it is keyed by the number and erased with it.
/// </summary>
public interface IScanQuarantine
{
    /// <summary>
    /// Counts one more failure of <paramref name="entry"/> and returns the count. A failure of a different due
    /// instant of the same phone starts the count again at 1.
    /// </summary>
    Task<int> RecordFailureAsync(ScheduleEntry entry, string reason, DateTimeOffset atUtc, CancellationToken cancellationToken);

    /// <summary>Marks the entry of <paramref name="entry"/>'s phone as quarantined (idempotent).</summary>
    Task QuarantineAsync(ScheduleEntry entry, string reason, DateTimeOffset atUtc, CancellationToken cancellationToken);

    /// <summary>The quarantined rows, oldest first.</summary>
    Task<IReadOnlyList<QuarantinedRow>> ListAsync(CancellationToken cancellationToken);

    /// <summary>How many rows are quarantined.</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>The entry of the phone (failing or quarantined), or null.</summary>
    Task<QuarantinedRow?> GetAsync(string phone, CancellationToken cancellationToken);

    /// <summary>Forgets the phone's entry (failure count or quarantine). True when there was one.</summary>
    Task<bool> RemoveAsync(string phone, CancellationToken cancellationToken);
}

/// <summary>A row the scan failed on.</summary>
/// <param name="Phone">E.164 number (as stored in the due index).</param>
/// <param name="DueUtc">The due instant of the failing row.</param>
/// <param name="Failures">Failures in a row.</param>
/// <param name="Reason">The last failure's exception type and message, without the phone number.</param>
/// <param name="LastFailureUtc">When it last failed.</param>
/// <param name="Quarantined">True once it was moved out of the due index.</param>
public sealed record QuarantinedRow(string Phone, DateTimeOffset DueUtc, int Failures, string Reason, DateTimeOffset LastFailureUtc, bool Quarantined);
