using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reminders.Bench.Load;

/// <summary>Azurite's Table service from node_modules, in memory, on a free loopback port (as the test fixture starts it).</summary>
internal sealed class Azurite : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    // The published Azurite/emulator key of devstoreaccount1, not a secret.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _workDirectory;

    private Azurite(Process process, string workDirectory, Uri endpoint)
    {
        _process = process;
        _workDirectory = workDirectory;
        Endpoint = endpoint;
    }

    /// <summary>The Table endpoint, path style: <c>http://127.0.0.1:port/devstoreaccount1</c>.</summary>
    public Uri Endpoint { get; }

    public int ProcessId => _process.Id;

    public static async Task<Azurite> StartAsync(string mainJs)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var work = Directory.CreateTempSubdirectory("bench-azurite-").FullName;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     mainJs, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--silent",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("AZURITE_ACCOUNTS");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new Azurite(process, work, new Uri($"http://127.0.0.1:{port}/{AccountName}"));

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var poll = 0; poll < 300; poll++)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await probe.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                return azurite; // any HTTP answer means it is up
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        await azurite.DisposeAsync();
        throw new InvalidOperationException($"Azurite ({mainJs}) did not answer on port {port}.");
    }

    public string ConnectionString(Uri tableEndpoint) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={tableEndpoint.ToString().TrimEnd('/')};";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
