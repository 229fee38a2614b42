using Microsoft.Extensions.Options;
using NCrontab;

namespace Reminders.Functions.Standalone;

/// <summary>
/// A built-in timer of the standalone runner: fires one timer function on the schedule in its <c>[TimerTrigger]</c>,
/// one tick after another, until the app stops. A failed run is logged and the next occurrence tries again.
/// </summary>
internal abstract class BuiltInTimer(TimeProvider time, IOptions<StandaloneOptions> options) : BackgroundService
{
    /// <summary>A tick this much later than its occurrence is reported as past due, as the host does after a stall.</summary>
    private static readonly TimeSpan PastDueAfter = TimeSpan.FromMinutes(1);

    /// <summary>The function's schedule, from its attribute and the settings.</summary>
    protected abstract CrontabSchedule LoadSchedule();

    /// <summary>Runs the function for <paramref name="tick"/> (<paramref name="lastTick"/>: the one before, if any).</summary>
    protected abstract Task FireAsync(DateTimeOffset tick, DateTimeOffset? lastTick, bool isPastDue, CancellationToken cancellationToken);

    protected abstract void OnStarted(string schedule);

    protected abstract void OnFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Scheduler)
        {
            return;
        }

        var schedule = LoadSchedule();
        OnStarted(schedule.ToString());
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
                await FireAsync(next, last, isPastDue: time.GetUtcNow() - next > PastDueAfter, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // One failed run must not stop the timer; the next occurrence retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                OnFailed(ex);
            }

            last = next;
        }
    }
}
