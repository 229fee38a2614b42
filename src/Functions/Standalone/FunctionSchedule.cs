using System.Text.Json;
using NCrontab;
using Reminders.Core.Scheduling;

namespace Reminders.Functions.Standalone;

/// <summary>
/// Reads the timer schedule from the same <c>FunctionApp/DueScan/function.json</c> the Functions host uses,
/// resolving <c>%Setting%</c> from configuration, so both modes run on one schedule.
/// </summary>
internal static class FunctionSchedule
{
    public static CrontabSchedule Load(string functionJsonPath, IConfiguration configuration)
    {
        if (!File.Exists(functionJsonPath))
        {
            throw new InvalidOperationException($"The timer definition '{functionJsonPath}' is missing from the build output.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(functionJsonPath));
        var timer = document.RootElement.GetProperty("bindings").EnumerateArray()
            .FirstOrDefault(b => b.TryGetProperty("type", out var type) && type.GetString() == "timerTrigger");
        if (timer.ValueKind != JsonValueKind.Object || timer.GetProperty("schedule").GetString() is not { Length: > 0 } expression)
        {
            throw new InvalidOperationException($"'{functionJsonPath}' has no timerTrigger binding with a schedule.");
        }

        return Parse(Resolve(expression, configuration));
    }

    /// <summary>Replaces a whole-string <c>%Name%</c> with the configuration value, as the host's name resolver does.</summary>
    public static string Resolve(string expression, IConfiguration configuration)
    {
        if (expression.Length > 2 && expression[0] == '%' && expression[^1] == '%')
        {
            var name = expression[1..^1];
            if (configuration[name] is { Length: > 0 } value)
            {
                return value;
            }

            // The timer's own setting falls back to the documented default, as Core does for the send-time check.
            return name == "DueScanSchedule"
                ? ScanSchedule.Default
                : throw new InvalidOperationException($"The timer schedule refers to the setting '{name}', which is not set.");
        }

        return expression;
    }

    /// <summary>Parses an NCRONTAB expression with six fields (seconds first) or five.</summary>
    public static CrontabSchedule Parse(string expression) =>
        ScanSchedule.TryParse(expression)
        ?? throw new InvalidOperationException($"'{expression}' is not a valid NCRONTAB schedule (six fields with seconds, or five).");
}
