using Microsoft.Extensions.Options;
using NCrontab;

namespace Reminders.Functions.Standalone;

/// <summary>The built-in timer that fires the RetentionSweep function on the schedule in its <c>[TimerTrigger]</c>.</summary>
internal sealed partial class RetentionSweepTimer(
    StandaloneJobs jobs,
    TimeProvider time,
    IConfiguration configuration,
    IOptions<StandaloneOptions> options,
    ILogger<RetentionSweepTimer> logger) : BuiltInTimer(time, options)
{
    protected override CrontabSchedule LoadSchedule() => FunctionSchedule.LoadRetentionSweep(configuration);

    protected override Task FireAsync(DateTimeOffset tick, DateTimeOffset? lastTick, bool isPastDue, CancellationToken cancellationToken) =>
        jobs.RunRetentionSweepAsync(cancellationToken, isPastDue);

    protected override void OnStarted(string schedule) => LogStarted(schedule);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Built-in RetentionSweep timer started with schedule {Schedule}")]
    private partial void LogStarted(string schedule);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error, Message = "Retention sweep failed; the next occurrence will try again")]
    private partial void LogFailed(Exception exception);
}
