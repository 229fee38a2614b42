using Microsoft.Extensions.Options;
using NCrontab;

namespace Reminders.Functions.Standalone;

/// <summary>The built-in timer: fires the DueScan function on the schedule in its <c>[TimerTrigger]</c>.</summary>
internal sealed partial class DueScanTimer(
    StandaloneJobs jobs,
    TimeProvider time,
    IConfiguration configuration,
    IOptions<StandaloneOptions> options,
    ILogger<DueScanTimer> logger) : BackgroundService
{
    /// <summary>A tick this much later than its occurrence is reported as past due, as the host does after a stall.</summary>
    private static readonly TimeSpan PastDueAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Scheduler)
        {
            return;
        }

        CrontabSchedule schedule = FunctionSchedule.LoadDueScan(configuration);
        LogStarted(schedule.ToString());
        DateTimeOffset? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            // After the previous tick even when it fired (and finished) a little before it, so no tick runs twice.
            var after = last is { } previous && previous > now ? previous : now;
            var next = new DateTimeOffset(schedule.GetNextOccurrence(after.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
                // The scan reads up to this tick, not the clock, which a timer can reach a few milliseconds early.
                await jobs.RunDueScanAsync(stoppingToken, isPastDue: time.GetUtcNow() - next > PastDueAfter, tick: next, lastTick: last);
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

            last = next;
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Built-in DueScan timer started with schedule {Schedule}")]
    private partial void LogStarted(string schedule);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Due scan failed; the next occurrence will try again")]
    private partial void LogFailed(Exception exception);
}
