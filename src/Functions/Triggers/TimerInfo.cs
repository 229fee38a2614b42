using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Reminders.Functions.Triggers;

/// <summary>
/// The timer trigger's value: <c>{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{...} or null,"IsPastDue":false}</c>.
/// After downtime the host sends one catch-up call with <c>IsPastDue: true</c> (and <c>ScheduleStatus: null</c> when
/// the monitor is off); the scan covers everything due since the last one either way.
/// </summary>
/// <param name="Schedule">Any object; the host's only property is the obsolete <c>AdjustForDST</c>.</param>
/// <param name="ScheduleStatus">Last/next occurrence, or null without the schedule monitor.</param>
/// <param name="IsPastDue">True for a catch-up run after missed occurrences.</param>
internal sealed record TimerInfo(JsonElement? Schedule = null, TimerScheduleStatus? ScheduleStatus = null, bool IsPastDue = false)
{
    /// <summary>Reads the binding's value; false with a reason when it is not a timer object.</summary>
    public static bool TryRead(JsonElement value, [NotNullWhen(true)] out TimerInfo? timer, [NotNullWhen(false)] out string? error)
    {
        timer = null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            error = "The timer value must be a JSON object {Schedule, ScheduleStatus, IsPastDue}.";
            return false;
        }

        try
        {
            timer = value.Deserialize<TimerInfo>(TriggerJson.Options);
        }
        catch (JsonException)
        {
            // Leaves timer null: reported below.
        }

        error = timer is null ? "The timer value has the wrong shape: IsPastDue must be true or false." : null;
        return timer is not null;
    }
}

/// <summary>The schedule monitor's record, as local-time strings (the first run's <c>Last</c> is <c>0001-01-01T00:00:00</c>).</summary>
internal sealed record TimerScheduleStatus(string? Last, string? Next, string? LastUpdated);
