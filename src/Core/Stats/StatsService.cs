using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Stats;

/// <summary>
/// Builds <see cref="StatsReport"/> from the <see cref="IStatsStore"/> counters (keyed by the subscriber's local date
/// of the text) and a count of subscribers by status. <c>Sent</c> and <c>Failed</c> are counted by the daily send;
/// <c>Delivered</c>, <c>OptOut</c> and <c>Done</c> are counted where status callbacks and replies are handled.
/// </summary>
public sealed class StatsService(
    IStatsStore stats, ISubscriberStore subscribers, IPromptStore prompts, IScanQuarantine quarantine, TimeProvider time)
{
    /// <summary>The longest range one report covers.</summary>
    public const int MaxDays = 366;

    /// <summary>The range covered when none is given: the last 30 days up to today (UTC).</summary>
    public const int DefaultDays = 30;

    private const int SubscriberPageSize = 500;

    /// <summary>Fills in a missing end of the range: <see cref="DefaultDays"/> days ending today (UTC), or starting at <paramref name="from"/>.</summary>
    public (DateOnly From, DateOnly To) ResolveRange(DateOnly? from, DateOnly? to)
    {
        var end = to ?? (from is { } start ? start.AddDays(DefaultDays - 1) : DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return (from ?? end.AddDays(-(DefaultDays - 1)), end);
    }

    public async Task<StatsReport> ReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"The range must run forwards and cover at most {MaxDays} days.");
        }

        var rows = await stats.ReadAsync(from, to, cancellationToken);
        var texts = (await prompts.ListAsync(cancellationToken)).ToDictionary(p => p.Value.Id, p => p.Value.Text, StringComparer.Ordinal);
        var detail = rows.Select(r => new DayPromptStats(r.Date, r.PromptId, Counts(r))).ToList();
        var days = detail
            .GroupBy(r => r.Date)
            .Select(g => new DayStats(g.Key, Sum(g)))
            .OrderBy(d => d.Date)
            .ToList();
        var byPrompt = detail
            .GroupBy(r => r.PromptId, StringComparer.Ordinal)
            .Select(g => new PromptStats(g.Key, texts.GetValueOrDefault(g.Key), Sum(g)))
            .OrderByDescending(p => p.Counts.Sent)
            .ThenBy(p => p.PromptId, StringComparer.Ordinal)
            .ToList();
        return new StatsReport(from, to, Sum(detail), days, byPrompt, detail, await CountSubscribersAsync(cancellationToken))
        {
            Quarantined = await quarantine.CountAsync(cancellationToken),
        };
    }

    /// <summary>Pages through every subscriber once; fine for an admin report, not for a hot path.</summary>
    private async Task<SubscriberCounts> CountSubscribersAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<SubscriberStatus, int>();
        string? token = null;
        do
        {
            var page = await subscribers.ListAsync(null, SubscriberPageSize, token, cancellationToken);
            foreach (var subscriber in page.Items)
            {
                counts[subscriber.Status] = counts.GetValueOrDefault(subscriber.Status) + 1;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return new SubscriberCounts(
            counts.GetValueOrDefault(SubscriberStatus.Pending),
            counts.GetValueOrDefault(SubscriberStatus.Active),
            counts.GetValueOrDefault(SubscriberStatus.Paused),
            counts.GetValueOrDefault(SubscriberStatus.Stopped));
    }

    private static StatCounts Counts(PromptDayStats row) => new(row.Sent, row.Delivered, row.Failed, row.OptOuts, row.Done);

    private static StatCounts Sum(IEnumerable<DayPromptStats> rows) => rows.Aggregate(StatCounts.Zero, (sum, r) => sum.Add(r.Counts));
}
