namespace Reminders.Core.Storage;

/// <summary>Creates tables or schema on start; safe to run on every start and from several instances.</summary>
public interface IStoreInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Cheap reachability probe for the health endpoint.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
