using Microsoft.Extensions.Options;
using NCrontab;

namespace Reminders.Functions.Standalone;

/// <summary>The built-in timer that fires the DueScan function on the schedule in its <c>[TimerTrigger]</c>.</summary>
internal sealed partial class DueScanTimer(
    StandaloneJobs jobs,
    TimeProvider time,
    IConfiguration configuration,
    IOptions<StandaloneOptions> options,
    ILogger<DueScanTimer> logger) : BuiltInTimer(time, options)
{
    protected override CrontabSchedule LoadSchedule() => FunctionSchedule.LoadDueScan(configuration);

    // The scan reads up to this tick, not the clock, which a timer can reach a few milliseconds early.
    protected override Task FireAsync(DateTimeOffset tick, DateTimeOffset? lastTick, bool isPastDue, CancellationToken cancellationToken) =>
        jobs.RunDueScanAsync(cancellationToken, isPastDue, tick, lastTick);

    protected override void OnStarted(string schedule) => LogStarted(schedule);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Built-in DueScan timer started with schedule {Schedule}")]
    private partial void LogStarted(string schedule);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Due scan failed; the next occurrence will try again")]
    private partial void LogFailed(Exception exception);
}
