namespace Reminders.Functions.Hosting;

/// <summary>
/// Completes when the store is created or migrated and the built-in prompts are seeded. Start-up runs that work
/// beside Kestrel's start instead of before it; every function awaits this gate first, so none touches a store that
/// is not ready. When start-up fails, the gate fails too and the app stops (see <see cref="StoreStartup"/>).
/// </summary>
internal sealed class StoreReadiness
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => ready.Task.IsCompletedSuccessfully;

    /// <summary>Waits for the store, or throws what stopped it from becoming ready.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) =>
        ready.Task.IsCompletedSuccessfully ? Task.CompletedTask : ready.Task.WaitAsync(cancellationToken);

    internal void Succeeded() => ready.TrySetResult();

    internal void Failed(Exception exception) => ready.TrySetException(exception);
}
