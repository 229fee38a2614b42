using Microsoft.Extensions.Options;
using NCrontab;

namespace Reminders.Functions.Standalone;

/// <summary>The built-in timer: fires DueScan on the schedule in FunctionApp/DueScan/function.json.</summary>
internal sealed partial class DueScanTimer(
    StandaloneJobs jobs,
    TimeProvider time,
    IConfiguration configuration,
    IOptions<StandaloneOptions> options,
    ILogger<DueScanTimer> logger) : BackgroundService
{
    public static string DefinitionPath => Path.Combine(AppContext.BaseDirectory, "FunctionApp", "DueScan", "function.json");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Scheduler)
        {
            return;
        }

        CrontabSchedule schedule = FunctionSchedule.Load(DefinitionPath, configuration);
        LogStarted(schedule.ToString());
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
                await jobs.RunDueScanAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // One failed scan must not stop the timer; the next occurrence retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Built-in DueScan timer started with schedule {Schedule}")]
    private partial void LogStarted(string schedule);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Due scan failed; the next occurrence will try again")]
    private partial void LogFailed(Exception exception);
}
