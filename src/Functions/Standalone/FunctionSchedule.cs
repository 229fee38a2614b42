using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using NCrontab;
using Reminders.Core.Retention;
using Reminders.Core.Scheduling;
using Reminders.Functions.Functions;

namespace Reminders.Functions.Standalone;

/// <summary>
/// Reads the timer schedule from <see cref="DueScan"/>'s <c>[TimerTrigger]</c>, the same attribute the Functions host
/// reads (through the generated metadata), resolving <c>%Setting%</c> from configuration, so both modes run on one schedule.
/// </summary>
internal static class FunctionSchedule
{
    /// <summary>The schedule expression written on the DueScan function's timer trigger.</summary>
    public static string DueScanExpression() => TimerExpression(typeof(DueScan));

    /// <summary>The schedule expression written on the RetentionSweep function's timer trigger.</summary>
    public static string RetentionSweepExpression() => TimerExpression(typeof(RetentionSweep));

    public static CrontabSchedule LoadDueScan(IConfiguration configuration) => Parse(Resolve(DueScanExpression(), configuration));

    public static CrontabSchedule LoadRetentionSweep(IConfiguration configuration) => Parse(Resolve(RetentionSweepExpression(), configuration));

    /// <summary>Replaces a whole-string <c>%Name%</c> with the configuration value, as the host's name resolver does.</summary>
    public static string Resolve(string expression, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(configuration);
        if (expression.Length > 2 && expression[0] == '%' && expression[^1] == '%')
        {
            var name = expression[1..^1];
            if (configuration[name] is { Length: > 0 } value)
            {
                return value;
            }

            // A timer's own setting falls back to the documented default, as Core does when it validates it.
            return name switch
            {
                "DueScanSchedule" => ScanSchedule.Default,
                RetentionOptions.ScheduleSetting => RetentionOptions.DefaultSchedule,
                _ => throw new InvalidOperationException($"The timer schedule refers to the setting '{name}', which is not set."),
            };
        }

        return expression;
    }

    /// <summary>Parses an NCRONTAB expression with six fields (seconds first) or five.</summary>
    public static CrontabSchedule Parse(string expression) =>
        ScanSchedule.TryParse(expression)
        ?? throw new InvalidOperationException($"'{expression}' is not a valid NCRONTAB schedule (six fields with seconds, or five).");

    private static string TimerExpression(Type function) =>
        function.GetMethod("RunAsync")!.GetParameters()
            .Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).Single(a => a is not null)!.Schedule;
}
