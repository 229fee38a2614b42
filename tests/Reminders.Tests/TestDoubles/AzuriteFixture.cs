using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Reminders.Core.Storage.Tables;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// Starts the pinned npm Azurite (table service only) on a free loopback port with in-memory persistence and
/// telemetry off, waits until it answers, and stops it by PID (whole process tree) on dispose. One per test
/// collection; tests isolate themselves with <see cref="NewPrefix"/> table-name prefixes.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const int StartAttempts = 3;
    private const int ReadinessPolls = 150;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Azurite's account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, documented by Microsoft).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="; // the published Azurite/emulator key of devstoreaccount1, not a secret

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _workDirectory;
    private bool _onDisk;

    /// <summary>The table endpoint, for example <c>http://127.0.0.1:54321/devstoreaccount1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Connection string with the explicit path-style endpoint and the well-known development key.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={Endpoint};";

    /// <summary>A table-name prefix no other test uses.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// The stores' client options (<see cref="TableStoreServiceCollectionExtensions.CreateClientOptions"/>) with retry
    /// delays shrunk to milliseconds, so retries never make a test wait, and <paramref name="policies"/> added per retry
    /// (each attempt passes through them), for counting or fault injection.
    /// </summary>
    public static TableClientOptions ClientOptions(params HttpPipelinePolicy[] policies)
    {
        var options = TableStoreServiceCollectionExtensions.CreateClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        foreach (var policy in policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        return options;
    }

    /// <summary>A client for this Azurite with <see cref="ClientOptions"/>.</summary>
    public TableServiceClient CreateServiceClient(params HttpPipelinePolicy[] policies) =>
        new(ConnectionString, ClientOptions(policies));

    /// <summary>Fresh, created tables under a new prefix.</summary>
    public async Task<TableStoreTables> CreateTablesAsync(CancellationToken cancellationToken, TableServiceClient? client = null)
    {
        var tables = new TableStoreTables(client ?? CreateServiceClient(), NewPrefix());
        await new TableStoreInitializer(tables, TimeProvider.System).InitializeAsync(cancellationToken);
        return tables;
    }

    /// <summary>
    /// A private Azurite that keeps its data in files under a temporary directory, so <see cref="StopAsync"/> and
    /// <see cref="RestartAsync"/> (same port, same files) lose nothing. The caller disposes it.
    /// </summary>
    public static async Task<AzuriteFixture> StartOnDiskAsync()
    {
        var azurite = new AzuriteFixture { _onDisk = true };
        await azurite.InitializeAsync();
        return azurite;
    }

    /// <summary>
    /// Stops an on-disk Azurite the way Ctrl+C does (SIGINT by PID: it closes the server and saves its files), and waits
    /// for the process to end; kills it if it has not ended in 20 seconds.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_onDisk)
        {
            throw new InvalidOperationException("Only an on-disk Azurite keeps its data across a stop.");
        }

        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        using (var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await signal!.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Stop();
    }

    /// <summary>Starts a stopped on-disk Azurite again on the same port over the same files.</summary>
    public async Task RestartAsync()
    {
        var node = FindOnPath("node")!;
        var entry = Path.Combine(RepositoryRoot.Find(), "node_modules", "azurite", "dist", "src", "table", "main.js");
        _process = Start(node, entry, Endpoint.Port);
        if (!await WaitUntilReadyAsync(Endpoint.Port))
        {
            throw new InvalidOperationException($"Azurite did not come back on port {Endpoint.Port}. Output:\n{Output()}");
        }
    }

    public async ValueTask InitializeAsync()
    {
        var root = RepositoryRoot.Find();
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        var node = FindOnPath("node")
            ?? throw new InvalidOperationException(
                "The Table Storage tests need Node.js, but no 'node' is on PATH. Install Node.js 20 or newer "
                + $"(Debian/Ubuntu: apt-get install -y nodejs npm), then run 'npm ci' in {root}.");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: {entry} is missing. Run 'npm ci' in {root} (package.json pins azurite 3.37.0).");
        }

        _workDirectory = Directory.CreateTempSubdirectory("azurite-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            Endpoint = new Uri($"http://127.0.0.1:{port}/{AccountName}");
            _process = Start(node, entry, port);
            if (await WaitUntilReadyAsync(port))
            {
                return;
            }

            Stop();
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"Azurite did not answer on port {port} after {StartAttempts} starts. Output:\n{Output()}");
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        if (_workDirectory is not null)
        {
            try
            {
                Directory.Delete(_workDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }

    private Process Start(string node, string entry, int port)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = _onDisk ? ["--location", _workDirectory!] : ["--inMemoryPersistence"];
        foreach (var argument in new[]
                 {
                     entry, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--disableTelemetry", "--skipApiVersionCheck", "--silent",
                 }.Concat(persistence))
        {
            start.ArgumentList.Add(argument);
        }

        // The default development account must exist: a custom account list would disable it.
        start.Environment.Remove("AZURITE_ACCOUNTS");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {node}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> WaitUntilReadyAsync(int port)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port}/");
        for (var poll = 0; poll < ReadinessPolls; poll++)
        {
            if (_process is null || _process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await probe.GetAsync(url);
                return true; // any HTTP answer (Azurite says 400 to GET /) means the server is up
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(PollInterval, TimeProvider.System);
        }

        return false;
    }

    private void Stop()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }
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
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? [program + ".exe", program + ".cmd"] : new[] { program })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>The test collection whose tests share one Azurite server (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
