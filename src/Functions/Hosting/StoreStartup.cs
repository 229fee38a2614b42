using System.Runtime.ExceptionServices;
using Reminders.Core.Prompts;
using Reminders.Core.Storage;

namespace Reminders.Functions.Hosting;

/// <summary>
/// Creates or migrates the store and seeds the built-in prompts, beside the server's start rather than before it:
/// the work that dominated the time to the first 200. Requests and timers wait on <see cref="StoreReadiness"/>.
/// A failure is fatal as before: it is logged, the gate fails, and the process stops with exit code 1 (the one clear
/// stderr line comes from <see cref="FatalErrors"/> when this app is the process).
/// </summary>
internal sealed partial class StoreStartup(
    IStoreInitializer store,
    IPromptStore prompts,
    StoreReadiness readiness,
    IHostApplicationLifetime lifetime,
    ILogger<StoreStartup> logger) : IHostedService
{
    private Task work = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        work = Task.Run(() => PrepareAsync(lifetime.ApplicationStopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await work.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private async Task PrepareAsync(CancellationToken stopping)
    {
        try
        {
            await store.InitializeAsync(stopping);
            var seeded = await PromptSeeder.SeedAsync(prompts, stopping);
            readiness.Succeeded();
            LogSeeded(seeded.Added);
        }
        catch (OperationCanceledException ex) when (stopping.IsCancellationRequested)
        {
            readiness.Failed(ex);
        }
#pragma warning disable CA1031 // Not swallowed: the gate carries it to every waiter and the process is stopped.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            readiness.Failed(ex);
            LogFailed(ex);
            Environment.ExitCode = FatalErrors.ExitCode;
            FatalErrors.Report(ExceptionDispatchInfo.Capture(ex).SourceException);
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "Store ready; {Added} built-in prompts added")]
    private partial void LogSeeded(int added);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Critical, Message = "The store could not be prepared; stopping")]
    private partial void LogFailed(Exception exception);
}
