namespace Reminders.Functions.Hosting;

/// <summary>How the app is running: on its own, or as the Azure Functions isolated worker.</summary>
internal enum HostingMode
{
    /// <summary><c>dotnet run</c>: the standalone runner serves the same function methods on localhost:7071.</summary>
    Standalone,

    /// <summary>Launched by the Functions host (<c>func start</c> or Azure), which fires every trigger over gRPC.</summary>
    Functions,
}

/// <summary>Tells, before anything is built, whether the Functions host launched this process.</summary>
internal static class HostLaunch
{
    /// <summary>The app setting the host always passes to its worker (local.settings.json, Function App settings).</summary>
    public const string WorkerRuntimeVariable = "FUNCTIONS_WORKER_RUNTIME";

    /// <summary>
    /// Functions mode when the host's worker arguments are present (<c>--functions-uri</c>, or <c>--host</c> with
    /// <c>--port</c>) or <c>FUNCTIONS_WORKER_RUNTIME</c> is set; otherwise standalone. The worker cannot start without
    /// a host to call back, so this must be decided before building.
    /// </summary>
    public static HostingMode Detect(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        bool Has(string name) => args.Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase) || a.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase));
        if (Has("--functions-uri") || (Has("--host") && Has("--port")))
        {
            return HostingMode.Functions;
        }

        return string.IsNullOrWhiteSpace(environment(WorkerRuntimeVariable)) ? HostingMode.Standalone : HostingMode.Functions;
    }
}
