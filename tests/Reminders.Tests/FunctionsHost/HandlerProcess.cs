using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The packaged handler started as the Functions host starts it: its own process, working directory
/// <c>handler/</c>, <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set to a free port, settings as environment variables.
/// Ready when it logs that it listens (no polling, no sleeps); killed (this process only) on dispose.
/// </summary>
internal sealed class HandlerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>Variables that must come from the test, not from the environment the tests run in.</summary>
    private static readonly string[] InheritedPrefixes = ["ASPNETCORE_", "DOTNET_ENVIRONMENT", "FUNCTIONS_", "Admin__", "Storage__", "Twilio__", "Delivery__", "Signup__", "DueScanSchedule"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HandlerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the handler; <paramref name="settings"/> become environment variables (null removes one).</summary>
    public static HandlerProcess Start(string executable, IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var handler = new HandlerProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, port);
        handler._process.OutputDataReceived += (_, e) => handler.Append(e.Data);
        handler._process.ErrorDataReceived += (_, e) => handler.Append(e.Data);
        handler._process.Exited += (_, _) => handler._listening.TrySetException(
            new InvalidOperationException($"The handler exited before listening:\n{handler.Output}"));
        handler._process.Start();
        handler._process.BeginOutputReadLine();
        handler._process.BeginErrorReadLine();
        return handler;
    }

    /// <summary>Completes when the handler listens on its port, then checks the host's readiness probe.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _listening.Task.WaitAsync(StartLimit, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The handler did not listen within {StartLimit}:\n{Output}");
        }

        using var ready = await Client.GetAsync("/", cancellationToken);
        if (ready.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET / answered {(int)ready.StatusCode}:\n{Output}");
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(StartLimit, cancellationToken);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
