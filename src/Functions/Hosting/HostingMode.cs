using Microsoft.Extensions.Logging.Console;

namespace Reminders.Functions.Hosting;

/// <summary>How the app is running: on its own, or as an Azure Functions custom handler.</summary>
internal enum HostingMode
{
    /// <summary><c>dotnet run</c>: built-in scheduler and in-process queue, listens on localhost:7071 by default.</summary>
    Standalone,

    /// <summary>Under the Functions host, which sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and sends triggers as HTTP posts.</summary>
    CustomHandler,
}

internal static class HostingModeExtensions
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Picks the mode and the listening address; must run before the app is built.</summary>
    public static HostingMode UseRemindersHosting(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[PortVariable] is { Length: > 0 } port)
        {
            if (!ushort.TryParse(port, out var number) || number == 0)
            {
                throw new InvalidOperationException($"{PortVariable} must be a TCP port number, not '{port}'.");
            }

            // Under the Functions host we listen on the port it hands us, on loopback only.
            builder.WebHost.UseUrls($"http://127.0.0.1:{number}");

            // The host logs each stdout line as Information and each stderr line as Error (Warning if it says "warn"):
            // one line per entry, no colours, and warnings and errors on stderr so they keep their level.
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning);

            // In Azure the data lives in Table Storage unless a provider is chosen explicitly.
            if (string.IsNullOrEmpty(builder.Configuration["Storage:Provider"]))
            {
                builder.Configuration.AddInMemoryCollection([new("Storage:Provider", "tables")]);
            }

            return HostingMode.CustomHandler;
        }

        var configured = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? builder.Configuration["HTTP_PORTS"];
        if (string.IsNullOrEmpty(configured))
        {
            builder.WebHost.UseUrls("http://localhost:7071");
        }

        return HostingMode.Standalone;
    }
}
