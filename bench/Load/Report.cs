using System.Globalization;
using System.Text;

namespace Reminders.Bench.Load;

/// <summary>The markdown that goes into docs/benchmarks.md: one column per run, one row per measure.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return string.Create(Invariant, $"{Environment.ProcessorCount} cores, {model}, .NET {Environment.Version}, load before {LoadAverage()}");
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static string Render(IReadOnlyList<RunResult> results, string machine, string command, string loadAfter)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Command: `{command}`  ");
        text.AppendLine(Invariant, $"Machine: {machine}, load after {loadAfter}  ");
        text.AppendLine(Invariant, $"Date: {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.Append("| measure |");
        foreach (var r in results)
        {
            text.Append(Invariant, $" {r.Spec.Label} |");
        }

        text.AppendLine();
        text.Append("|---|");
        text.AppendLine(string.Concat(Enumerable.Repeat("---|", results.Count)));

        Row(text, results, "outcome", r => r.Failure is null ? "ok" : "**failed**: " + r.Failure);
        Row(text, results, "pace setting (Delivery:MaxMessagesPerSecond)", r => F(r.Rate, "0"));
        Row(text, results, "setup: signup / activation s", r => $"{r.SignupTime.TotalSeconds:F1} / {r.ActivationTime.TotalSeconds:F1}");
        Row(text, results, "nudged (exactly once each)", r => $"{r.Nudged:N0} of {r.Spec.Due:N0}");
        Row(text, results, "duplicates / missing / to not-due", r => $"{r.Duplicates} / {r.Missing} / {r.Unexpected}");
        Row(text, results, "scan: rows read", r => r.Scan is { } s ? s.Rows.ToString("N0", Invariant) : "-");
        Row(text, results, "scan: s (tick to its log line)", r => F(r.ScanTime?.TotalSeconds, "F2"));
        Row(text, results, "scan: s per 1,000 rows", r => r.ScanTime is { } t && r.Scan is { Rows: > 0 } s ? F(t.TotalSeconds * 1000 / s.Rows, "F3") : "-");
        Row(text, results, "timer ticks missed before the scan", r => r.Scan is null ? "-" : r.MissedTicks.ToString(Invariant));
        Row(text, results, "first nudge after due, s", r => F(r.FirstNudge?.TotalSeconds, "F2"));
        Row(text, results, "**last nudge after due, s**", r => F(r.LastNudge?.TotalSeconds, "F2"));
        Row(text, results, "warm-up peak in the same process before this one, nudges", r => r.WarmPeakNudged > 0 ? r.WarmPeakNudged.ToString("N0", Invariant) : "none");
        Row(text, results, "**nudges/s** (first to last nudge)", r => F(r.NudgesPerSecond, "F0"));
        Row(text, results, "app's peak concurrent POSTs at the fake", r => r.AppConcurrency.ToString(Invariant));
        Row(text, results, "fake raw POST/s at that concurrency", r => F(r.RawPerSecond, "F0"));
        Row(text, results, "fake raw POST/s, 1 at a time", r => F(r.RawSingle, "F0"));
        Row(text, results, "**nudges/s / raw**", r => r.NudgesPerSecond is { } n && r.RawPerSecond is { } raw ? F(n / raw, "P1") : "-");
        Row(text, results, "**table requests per nudge** (scan + send)", r => r.Tables is { } t && r.TableRequestsPerNudge is { } perNudge
            ? $"{perNudge:F2} ({t.Scan / (double)r.Nudged:F2} + {t.Send / (double)r.Nudged:F2})"
            : "-");
        Row(text, results, "app's peak concurrent table requests", r => r.Tables is { } t ? t.AppTableConcurrency.ToString(Invariant) : "-");
        Row(text, results, "Azurite raw inserts/s at that concurrency (1 at a time; 16 at a time)", r => r.Tables is { RawInserts: { } raw } t
            ? $"{raw:F0} ({t.RawInsertsSingle:F0}; {t.RawInsertsSixteen:F0})"
            : "-");
        Row(text, results, "**nudges/s / (best raw inserts/s / requests per nudge)**", r => r.Tables is { BestRawInserts: { } best } && r.NudgesPerSecond is { } n && r.TableRequestsPerNudge is > 0 and var perNudge
            ? F(n / (best / perNudge), "P1")
            : "-");
        Row(text, results, "cores used from first to last nudge: app / harness (fake, proxy) / Azurite", r => r.CoresWhileSending is var c && c.App is not null
            ? $"{F(c.App, "F2")} / {F(c.Harness, "F2")} / {F(c.Azurite, "F2")}"
            : "-");
        Row(text, results, "Azurite's CPU per nudge, µs (per table request)", r => r.CoresWhileSending.Azurite is { } az && r.NudgesPerSecond is { } n && r.TableRequestsPerNudge is { } perNudge
            ? $"{az * 1e6 / n:F0} ({az * 1e6 / n / perNudge:F0})"
            : "-");
        Row(text, results, "app's stages, mean ms per nudge: prepare / claim / send slot / send (pace, Twilio call) / record", r => r.Stages is { } st
            ? $"{st.Prepare:F2} / {st.Claim:F2} / {st.SendSlot:F2} / {st.Send:F2} / {st.Record:F2}"
            : "-");
        Row(text, results, "**peak RSS, MB** (VmHWM)", r => r.PeakRssKb > 0 ? F(r.PeakRssKb / 1024.0, "F0") : "-");
        Row(text, results, "peak RSS from due to last nudge, MB (VmRSS sampled every 50 ms)", r => r.PeakRssWhileSendingKb > 0 ? F(r.PeakRssWhileSendingKb / 1024.0, "F0") : "-");
        Row(text, results, "app log lines from due to end, per nudge", r => r.Nudged > 0 ? F(r.LogLinesWhileSending / (double)r.Nudged, "F1") : "-");

        foreach (var r in results.Where(r => r.Tables is not null))
        {
            var t = r.Tables!;
            text.AppendLine();
            text.AppendLine(Invariant, $"Table requests in {r.Spec.Label}, per nudge: scan {Kinds(t.ScanByKind, r.Nudged)}; send {Kinds(t.SendByKind, r.Nudged)}.");
        }

        var pairs = results.SelectMany(a => results.Where(b => a.Spec.Store == b.Spec.Store && a.Spec.Total > b.Spec.Total).Select(b => (Big: a, Small: b))).ToList();
        if (pairs.Count > 0)
        {
            text.AppendLine();
        }

        foreach (var (big, small) in pairs)
        {
            var scan = big.Spec.Due == small.Spec.Due && big.ScanTime is { } b && small.ScanTime is { } s && s > TimeSpan.Zero
                ? string.Create(Invariant, $"scan time ratio {b / s:F2}; ")
                : string.Empty;
            var rss = big.PeakRssKb > 0 && small.PeakRssKb > 0 ? string.Create(Invariant, $"peak RSS ratio {big.PeakRssKb / (double)small.PeakRssKb:F2}") : "peak RSS ratio -";
            text.AppendLine(Invariant, $"- {big.Spec.Label} vs {small.Spec.Label}: {scan}{rss}");
        }

        return text.ToString();
    }

    private static string Kinds(IReadOnlyDictionary<string, int> kinds, int nudges) =>
        kinds.Count == 0 || nudges == 0
            ? "none"
            : string.Join(", ", kinds.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => string.Create(Invariant, $"{k.Key} {k.Value / (double)nudges:F2}")));

    private static void Row(StringBuilder text, IReadOnlyList<RunResult> results, string name, Func<RunResult, string> cell)
    {
        text.Append(Invariant, $"| {name} |");
        foreach (var r in results)
        {
            text.Append(Invariant, $" {cell(r)} |");
        }

        text.AppendLine();
    }

    private static string F(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "-";
}
