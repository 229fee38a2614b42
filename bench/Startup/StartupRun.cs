using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reminders.Bench.Startup;

/// <summary>
/// One cold start: start the executable with <c>ASPNETCORE_URLS</c> on a free loopback port (standalone mode), then
/// ask <c>GET /api/health</c> until it answers 200.
/// </summary>
internal static class StartupRun
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(2);

    /// <summary>Time from <see cref="Process.Start()"/> to the first 200 on <c>GET /api/health</c>.</summary>
    public static async Task<TimeSpan> MeasureAsync(AppStart app, CancellationToken cancellationToken)
    {
        var executable = app.Executable;
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(executable))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in app.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) }) { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri($"http://127.0.0.1:{port}/api/health");
        using var process = new Process { StartInfo = start };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{executable} exited with code {process.ExitCode} before answering.");
                }

                if (clock.Elapsed > Limit)
                {
                    throw new TimeoutException($"{executable} did not answer GET /api/health within {Limit}.");
                }

                try
                {
                    using var response = await client.GetAsync(url, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(PollInterval, TimeProvider.System, cancellationToken);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
