using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Reminders.Bench.Load;

/// <summary>A "Due scan read {Rows} rows: {Due} due, ..." line of the app's log, with the app's own UTC timestamp.</summary>
internal readonly record struct ScanLine(DateTimeOffset At, int Rows, int Due, bool AppTimestamp);

/// <summary>
/// A "Batch of {Count}: {Sent} sent, ...; mean ms per item: prepare .., claim .., send slot .., send .., record .." line
/// (EventId 3101), with the app's own UTC timestamp: where the batch's items spent their time.
/// </summary>
internal readonly record struct BatchLine(DateTimeOffset At, int Sent, double Prepare, double Claim, double SendSlot, double Send, double Record);

/// <summary>
/// The app under test as a separate process (<c>dotnet Reminders.Functions.dll</c>, standalone mode), configured only
/// through environment variables. Reads its console log for the due scan's summary line and samples its memory.
/// </summary>
internal sealed partial class AppProcess : IAsyncDisposable
{
    /// <summary>Console formatter settings that put a parseable UTC timestamp on every log line.</summary>
    public const string TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z '";

    /// <summary>The format the app was started with, without its trailing space: what starts each stamped line.</summary>
    private static readonly string StampFormat = TimestampFormat.TrimEnd();

    private readonly Process _process;
    private readonly ConcurrentQueue<ScanLine> _scans = new();
    private readonly ConcurrentQueue<BatchLine> _batches = new();
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _sampler = Task.CompletedTask;
    private long _peakRssKb;
    private long _lines;

    private AppProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    public IReadOnlyCollection<ScanLine> Scans => _scans;

    public IReadOnlyCollection<BatchLine> Batches => _batches;

    public long LogLines => Interlocked.Read(ref _lines);

    /// <summary>The largest VmRSS seen by the 50 ms sampler, in kB.</summary>
    public long SampledPeakRssKb => Interlocked.Read(ref _peakRssKb);

    /// <summary>The last lines of output, each cut to 300 characters (stack traces are one long line here).</summary>
    /// <summary>Starts the sampled peak again (to see the scan and send phase on its own).</summary>
    public void ResetSampledPeak() => Interlocked.Exchange(ref _peakRssKb, 0);

    public string Tail => string.Join('\n', _tail.TakeLast(8).Select(l => l.Length > 300 ? l[..300] + "..." : l));

    public static AppProcess Start(string appDll, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(appDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = TimestampFormat;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        app._sampler = Task.Run(app.SampleAsync);
        return app;
    }

    /// <summary>Waits for <c>GET /api/health</c> to answer 200; false when the process exits first.</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseUrl, "api/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        return false;
    }

    /// <summary>The kernel's high-water mark of the process's resident set (VmHWM), in kB; 0 when unreadable.</summary>
    public long HighWaterRssKb() => ReadStatusKb(_process.Id, "VmHWM:");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampler;
        }
        catch (OperationCanceledException)
        {
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        _stop.Dispose();
    }

    private static long ReadStatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    var digits = line[field.Length..].Trim().Split(' ')[0];
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Due scan read (\d+) rows: (\d+) due", RegexOptions.CultureInvariant)]
    private static partial Regex ScanPattern();

    [GeneratedRegex(
        @"Batch of \d+: (\d+) sent,.*prepare ([\d.]+), claim ([\d.]+), send slot ([\d.]+), send ([\d.]+), record ([\d.]+)",
        RegexOptions.CultureInvariant)]
    private static partial Regex BatchPattern();

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested && !_process.HasExited)
        {
            var rss = ReadStatusKb(_process.Id, "VmRSS:");
            if (rss > Interlocked.Read(ref _peakRssKb))
            {
                Interlocked.Exchange(ref _peakRssKb, rss);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, _stop.Token);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var received = TimeProvider.System.GetUtcNow();
        Interlocked.Increment(ref _lines);
        _tail.Enqueue(line);
        while (_tail.Count > 40)
        {
            _tail.TryDequeue(out _);
        }

        var batch = BatchPattern().Match(line);
        if (batch.Success)
        {
            double Ms(int group) => double.Parse(batch.Groups[group].Value, CultureInfo.InvariantCulture);
            _batches.Enqueue(new BatchLine(
                Stamp(line, received, out _), int.Parse(batch.Groups[1].Value, CultureInfo.InvariantCulture), Ms(2), Ms(3), Ms(4), Ms(5), Ms(6)));
            return;
        }

        var match = ScanPattern().Match(line);
        if (!match.Success)
        {
            return;
        }

        var at = Stamp(line, received, out var stamped);
        _scans.Enqueue(new ScanLine(
            at,
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
            stamped));
    }

    /// <summary>The app's own UTC timestamp at the start of <paramref name="line"/>, or <paramref name="received"/> without one.</summary>
    private static DateTimeOffset Stamp(string line, DateTimeOffset received, out bool stamped)
    {
        var at = default(DateTimeOffset);
        stamped = line.Length >= 24 && DateTimeOffset.TryParseExact(
            line[..24], StampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
        return stamped ? at : received;
    }
}
