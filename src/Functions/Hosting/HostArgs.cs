namespace Reminders.Functions.Hosting;

/// <summary>
/// The command line the standalone host builder gets. (The Functions worker's builder adds its settings files its own
/// way and is left as it is: under the host, settings come from the app settings, and its start cannot be measured here.)
/// </summary>
internal static class HostArgs
{
    /// <summary>The host configuration key that turns watching the settings files on or off.</summary>
    public const string ReloadConfigOnChange = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// <paramref name="args"/> with settings-file reload turned off (an argument given on the command line still
    /// wins). Settings are read and validated once, at start; a change means a restart, as it does on a Function App.
    /// Watching costs start-up time in proportion to the content root (up to ~130 ms measured for a large one).
    /// </summary>
    public static string[] WithoutConfigReload(string[] args) => ["--" + ReloadConfigOnChange + "=false", .. args];
}
