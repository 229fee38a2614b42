namespace Reminders.Bench.Startup;

/// <summary>Order statistics over sorted samples.</summary>
internal static class Statistics
{
    public static TimeSpan Median(IReadOnlyList<TimeSpan> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>Nearest-rank percentile.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
