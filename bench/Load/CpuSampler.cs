using System.Diagnostics;
using System.Globalization;

namespace Reminders.Bench.Load;

/// <summary>
/// CPU time (utime + stime from <c>/proc/&lt;pid&gt;/stat</c>) of a few processes, sampled every 100 ms, so a window read
/// afterwards (first to last nudge) gives each process's share of a core in it.
/// </summary>
internal sealed class CpuSampler : IAsyncDisposable
{
    /// <summary>Clock ticks per second of <see cref="Ticks"/> (USER_HZ on Linux).</summary>
    public const double TicksPerSecond = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly int[] _pids;
    private readonly List<(long At, long[] Ticks)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CpuSampler(params int[] pids)
    {
        _pids = pids;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>
    /// Cores each process used on average from <paramref name="from"/> to <paramref name="to"/> (Stopwatch timestamps),
    /// between the last sample at or before the start and the first at or after the end; null without such samples.
    /// </summary>
    public double?[] Cores(long from, long to)
    {
        lock (_samples)
        {
            var start = _samples.FindLastIndex(s => s.At <= from);
            var end = _samples.FindIndex(s => s.At >= to);
            if (start < 0 || end <= start)
            {
                return new double?[_pids.Length];
            }

            var seconds = Stopwatch.GetElapsedTime(_samples[start].At, _samples[end].At).TotalSeconds;
            return [.. _pids.Select((_, i) => _samples[end].Ticks[i] >= 0 && _samples[start].Ticks[i] >= 0
                ? (_samples[end].Ticks[i] - _samples[start].Ticks[i]) / TicksPerSecond / seconds
                : (double?)null)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        do
        {
            var ticks = _pids.Select(Ticks).ToArray();
            lock (_samples)
            {
                _samples.Add((Stopwatch.GetTimestamp(), ticks));
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token));
    }

    /// <summary>utime + stime of <paramref name="pid"/> in clock ticks, or -1 when it is gone.</summary>
    public static long Ticks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
