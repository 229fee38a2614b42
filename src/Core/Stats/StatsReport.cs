namespace Reminders.Core.Stats;

/// <summary>
/// The admin stats for a range of local dates: the counters per day, per prompt and per (day, prompt), and how many
/// subscribers are in each status now.
/// </summary>
public sealed record StatsReport(
    DateOnly From,
    DateOnly To,
    StatCounts Totals,
    IReadOnlyList<DayStats> Days,
    IReadOnlyList<PromptStats> Prompts,
    IReadOnlyList<DayPromptStats> Rows,
    SubscriberCounts Subscribers)
{
    /// <summary>Due-index rows in the scan quarantine now (their subscribers get no texts until put back).</summary>
    public int Quarantined { get; init; }
}

/// <summary>
/// Daily-text counters. <see cref="Sent"/>: accepted by the SMS provider (or outcome unknown); <see cref="Failed"/>:
/// refused when sent or reported failed later; <see cref="Delivered"/>: confirmed by a status callback;
/// <see cref="OptOuts"/>: STOPs within a day of the text; <see cref="Done"/>: DONE replies.
/// </summary>
public sealed record StatCounts(int Sent, int Delivered, int Failed, int OptOuts, int Done)
{
    public static readonly StatCounts Zero = new(0, 0, 0, 0, 0);

    public StatCounts Add(StatCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Sent + other.Sent, Delivered + other.Delivered, Failed + other.Failed, OptOuts + other.OptOuts, Done + other.Done);
    }
}

/// <summary>All prompts on one local date.</summary>
public sealed record DayStats(DateOnly Date, StatCounts Counts);

/// <summary>One prompt over the whole range; <see cref="Text"/> is null when the prompt has since been erased.</summary>
public sealed record PromptStats(string PromptId, string? Text, StatCounts Counts);

/// <summary>One prompt on one local date.</summary>
public sealed record DayPromptStats(DateOnly Date, string PromptId, StatCounts Counts);

/// <summary>Subscribers by status at the time of the report.</summary>
public sealed record SubscriberCounts(int Pending, int Active, int Paused, int Stopped)
{
    public int Total => Pending + Active + Paused + Stopped;
}
