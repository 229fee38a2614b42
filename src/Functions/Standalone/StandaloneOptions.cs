namespace Reminders.Functions.Standalone;

/// <summary>Switches for standalone mode. Section <c>Standalone</c>.</summary>
internal sealed class StandaloneOptions
{
    public const string SectionName = "Standalone";

    /// <summary>Run the built-in timer that fires DueScan on its [TimerTrigger] schedule. Default true.</summary>
    public bool Scheduler { get; set; } = true;
}
