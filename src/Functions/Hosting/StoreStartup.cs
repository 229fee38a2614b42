using Reminders.Core.Prompts;
using Reminders.Core.Storage;

namespace Reminders.Functions.Hosting;

/// <summary>Creates or migrates the store and seeds the built-in prompts before the app takes requests.</summary>
internal sealed partial class StoreStartup(IStoreInitializer store, IPromptStore prompts, ILogger<StoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        var seeded = await PromptSeeder.SeedAsync(prompts, cancellationToken);
        LogSeeded(seeded.Added);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "Store ready; {Added} built-in prompts added")]
    private partial void LogSeeded(int added);
}
