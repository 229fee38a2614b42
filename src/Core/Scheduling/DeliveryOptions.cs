using System.ComponentModel.DataAnnotations;

namespace Reminders.Core.Scheduling;

/// <summary>When and how fast nudges may go out. Section <c>Delivery</c>.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Earliest local time a nudge may arrive (recipient's zone). Default 08:00.</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(8, 0);

    /// <summary>Local time from which nothing is sent (recipient's zone). Default 20:00.</summary>
    public TimeOnly QuietHoursEnd { get; set; } = new(20, 0);

    /// <summary>A nudge more than this late is skipped for the day instead of arriving stale. Default 2 h.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan MaxLateness { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Outbound pacing for the SMS provider (segments per second of the sender, up to 10,000 for a short code or a
    /// Messaging Service). Default 1. The pacer is the only brake: it holds this rate whatever the send concurrency.
    /// </summary>
    [Range(0.1, 10_000)]
    public double MaxMessagesPerSecond { get; set; } = 1;

    /// <summary>
    /// How many texts of one batch are in flight at once (each subscriber's own items stay in order). Default 16.
    /// The pace (<see cref="MaxMessagesPerSecond"/>) still holds; this only lets the wire's latency overlap.
    /// </summary>
    [Range(1, 256)]
    public int SendConcurrency { get; set; } = 16;

    /// <summary>The most subscribers in one SendBatch message. Default 100.</summary>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long a claim may stay without an outcome. A sender that finds the day claimed longer ago than this (the
    /// claimant died between claim and send) records the day as <c>unknown</c>: not resent blindly, not forgotten.
    /// Default 10 minutes; keep it above the longest send of one batch.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many scans in a row may fail on one due-index row before it is quarantined (moved out of the index, so it
    /// stops holding the scan cursor, until an admin puts it back). Default 3.
    /// </summary>
    [Range(1, 100)]
    public int ScanFailuresBeforeQuarantine { get; set; } = 3;

    /// <summary>
    /// Pacing for confirmation texts (segments per second), a budget of their own beside <see cref="MaxMessagesPerSecond"/>
    /// for the daily nudges, so a burst of signups cannot delay the day's nudges. Default 1.
    /// </summary>
    [Range(0.1, 1000)]
    public double ConfirmationMessagesPerSecond { get; set; } = 1;

    /// <summary>
    /// The longest wait between two due scans, derived from <c>DueScanSchedule</c> at start-up. The latest
    /// allowed send time is <see cref="QuietHoursEnd"/> minus this, so every send time can be met.
    /// </summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The latest send time a subscriber may choose.</summary>
    public TimeOnly LatestSendAt => QuietHoursEnd.Add(-ScanInterval);

    /// <summary>The earliest start of the sending window allowed: 8 a.m. (47 CFR 64.1200(c)(1)).</summary>
    public static readonly TimeOnly EarliestAllowed = new(8, 0);

    /// <summary>The latest end of the sending window allowed: 9 p.m. (47 CFR 64.1200(c)(1)).</summary>
    public static readonly TimeOnly LatestAllowed = new(21, 0);

    /// <summary>Whether the window lies within 08:00-21:00 and starts before it ends.</summary>
    public static bool QuietHoursAreLawful(DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.QuietHoursStart >= EarliestAllowed && options.QuietHoursEnd <= LatestAllowed
            && options.QuietHoursStart < options.QuietHoursEnd;
    }

    /// <summary>Whether <paramref name="localTime"/> is inside the sending window.</summary>
    public bool IsWithinQuietHours(TimeOnly localTime) => localTime >= QuietHoursStart && localTime < QuietHoursEnd;
}
