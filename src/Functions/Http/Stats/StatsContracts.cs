using Reminders.Core.Stats;

namespace Reminders.Functions.Http.Stats;

/// <summary>Counters of daily texts: sent, delivered, failed, opt-outs within a day of the text, DONE replies.</summary>
public sealed record CountsView(int Sent, int Delivered, int Failed, int OptOuts, int Done)
{
    public static CountsView From(StatCounts c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Sent, c.Delivered, c.Failed, c.OptOuts, c.Done);
    }
}

/// <summary>Answer of <c>GET /api/stats</c>. Dates are the subscriber's local date of the text.</summary>
public sealed record StatsView(
    DateOnly From,
    DateOnly To,
    CountsView Totals,
    IReadOnlyList<DayView> Days,
    IReadOnlyList<PromptStatsView> Prompts,
    IReadOnlyList<DayPromptView> Rows,
    SubscribersView Subscribers)
{
    /// <summary>Due-index rows in the scan quarantine now.</summary>
    public int ScanQuarantined { get; init; }

    public static StatsView Of(StatsReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.From,
            r.To,
            CountsView.From(r.Totals),
            [.. r.Days.Select(d => new DayView(d.Date, CountsView.From(d.Counts)))],
            [.. r.Prompts.Select(p => new PromptStatsView(p.PromptId, p.Text, CountsView.From(p.Counts)))],
            [.. r.Rows.Select(x => new DayPromptView(x.Date, x.PromptId, CountsView.From(x.Counts)))],
            new SubscribersView(r.Subscribers.Pending, r.Subscribers.Active, r.Subscribers.Paused, r.Subscribers.Stopped, r.Subscribers.Total))
        {
            ScanQuarantined = r.Quarantined,
        };
    }
}

/// <summary>All prompts on one day.</summary>
public sealed record DayView(DateOnly Date, CountsView Counts);

/// <summary>One prompt over the range; <see cref="Text"/> is null when the prompt was erased since.</summary>
public sealed record PromptStatsView(string PromptId, string? Text, CountsView Counts);

/// <summary>One prompt on one day.</summary>
public sealed record DayPromptView(DateOnly Date, string PromptId, CountsView Counts);

/// <summary>Subscribers by status now.</summary>
public sealed record SubscribersView(int Pending, int Active, int Paused, int Stopped, int Total);
