using System.ComponentModel.DataAnnotations;

namespace Reminders.Core.Retention;

/// <summary>How long short-lived records and message bodies are kept. Section <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>The setting that holds the sweep's NCRONTAB schedule (top level, like <c>DueScanSchedule</c>).</summary>
    public const string ScheduleSetting = "RetentionSweepSchedule";

    /// <summary>The default sweep schedule: every day at 03:30 UTC.</summary>
    public const string DefaultSchedule = "0 30 3 * * *";

    /// <summary>
    /// Days the inbound de-duplication records (webhook MessageSids with their replies), the once-a-day markers, the
    /// stats event markers and the abuse-limit counters are kept (1 to 365, default 7).
    /// </summary>
    [Range(1, 365)]
    public int InboundDays { get; set; } = 7;

    /// <summary>
    /// Days an outbound text keeps its body (1 to 3650, default 90). After that the message log row keeps only its
    /// metadata: when, kind, gateway, outcome and the provider's message id.
    /// </summary>
    [Range(1, 3650)]
    public int MessageBodyDays { get; set; } = 90;
}
