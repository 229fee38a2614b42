using Reminders.Core.Storage;

namespace Reminders.Functions.Hosting;

/// <summary>Creates or migrates the store before the app takes requests.</summary>
internal sealed class StoreStartup(IStoreInitializer store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
