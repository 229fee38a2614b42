using Microsoft.Extensions.Options;
using NCrontab;

namespace Reminders.Functions.Standalone;

/// <summary>The built-in timer: fires the RetentionSweep function on the schedule in its <c>[TimerTrigger]</c>.</summary>
internal sealed partial class RetentionSweepTimer(
    StandaloneJobs jobs,
    TimeProvider time,
    IConfiguration configuration,
    IOptions<StandaloneOptions> options,
    ILogger<RetentionSweepTimer> logger) : BackgroundService
{
    /// <summary>A tick this much later than its occurrence is reported as past due, as the host does after a stall.</summary>
    private static readonly TimeSpan PastDueAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Scheduler)
        {
            return;
        }

        CrontabSchedule schedule = FunctionSchedule.LoadRetentionSweep(configuration);
        LogStarted(schedule.ToString());
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
                await jobs.RunRetentionSweepAsync(stoppingToken, isPastDue: time.GetUtcNow() - next > PastDueAfter);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // One failed sweep must not stop the timer; the next occurrence retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Built-in RetentionSweep timer started with schedule {Schedule}")]
    private partial void LogStarted(string schedule);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error, Message = "Retention sweep failed; the next occurrence will try again")]
    private partial void LogFailed(Exception exception);
}
