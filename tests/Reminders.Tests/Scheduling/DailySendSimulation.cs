using Reminders.Core.Scheduling;

namespace Reminders.Tests.Scheduling;

/// <summary>
/// Replays the daily flow for one subscriber the way the service runs it: a due scan fires on every
/// multiple of <see cref="ScanInterval"/> (UTC), reads the due instant, lets <see cref="SendSchedule.Evaluate"/>
/// decide, claims the local date (at most one send per local date) and moves the due to the next day.
/// Instead of stepping through every scan, it jumps straight to the first scan at or after each due instant.
/// </summary>
internal static class DailySendSimulation
{
    /// <summary>The default <c>DueScanSchedule</c>, <c>0 */5 * * * *</c>: every five minutes on the minute.</summary>
    public static readonly TimeSpan ScanInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs from <paramref name="start"/> until the due instant reaches <paramref name="end"/>. Scans at instants
    /// for which <paramref name="isHostDown"/> is true are lost (an outage).
    /// </summary>
    public static SimulationResult Run(
        TimeZoneInfo zone,
        TimeOnly sendAt,
        DateTimeOffset start,
        DateTimeOffset end,
        DeliveryOptions options,
        Func<DateTimeOffset, bool>? isHostDown = null)
    {
        var claims = new HashSet<DateOnly>();
        var sends = new List<SimulatedSend>();
        var skips = new List<SimulatedSkip>();
        var doubleClaims = new List<DateOnly>();
        var scans = 0;

        var due = SendSchedule.NextDue(zone, sendAt, null, start);
        while (due < end)
        {
            scans++;
            var scan = FirstScanAtOrAfter(due);
            while (isHostDown?.Invoke(scan) == true)
            {
                scan += ScanInterval;
            }

            var localDateOfDue = SendSchedule.LocalDate(zone, due);
            var decision = SendSchedule.Evaluate(zone, due, scan, options);
            if (decision == SendDecision.Send)
            {
                var claimDate = SendSchedule.LocalDate(zone, scan);
                if (!claims.Add(claimDate))
                {
                    doubleClaims.Add(claimDate);
                }

                sends.Add(new SimulatedSend(due, scan, localDateOfDue, claimDate));
            }
            else
            {
                skips.Add(new SimulatedSkip(due, scan, localDateOfDue, decision));
            }

            var next = SendSchedule.NextDue(zone, sendAt, localDateOfDue, due + TimeSpan.FromSeconds(1));
            if (next <= due)
            {
                throw new InvalidOperationException($"NextDue went backwards from {due:O} to {next:O}.");
            }

            due = next;
        }

        return new SimulationResult(sends, skips, doubleClaims, scans);
    }

    /// <summary>The first scan instant (a multiple of <see cref="ScanInterval"/> since 0001-01-01 UTC) at or after <paramref name="due"/>.</summary>
    public static DateTimeOffset FirstScanAtOrAfter(DateTimeOffset due)
    {
        var interval = ScanInterval.Ticks;
        var ticks = (due.UtcTicks + interval - 1) / interval * interval;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}

internal sealed record SimulatedSend(DateTimeOffset Due, DateTimeOffset SentAt, DateOnly DueLocalDate, DateOnly ClaimedLocalDate);

internal sealed record SimulatedSkip(DateTimeOffset Due, DateTimeOffset ScannedAt, DateOnly DueLocalDate, SendDecision Decision);

internal sealed record SimulationResult(
    IReadOnlyList<SimulatedSend> Sends,
    IReadOnlyList<SimulatedSkip> Skips,
    IReadOnlyList<DateOnly> DoubleClaims,
    int DueInstants);
