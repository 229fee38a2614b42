using System.Collections.Concurrent;
using Reminders.Core.Storage;

namespace Reminders.Tests.TestDoubles;

/// <summary>An <see cref="IStatsStore"/> that keeps every increment in memory, in order, for assertions.</summary>
public sealed class RecordingStatsStore : IStatsStore
{
    public ConcurrentQueue<(DateOnly Date, string PromptId, StatCounter Counter)> Increments { get; } = new();

    public int Count(StatCounter counter) => Increments.Count(i => i.Counter == counter);

    /// <summary>Every increment but the daily send's own <see cref="StatCounter.Sent"/>: what replies and callbacks counted.</summary>
    public IReadOnlyList<(DateOnly Date, string PromptId, StatCounter Counter)> ReplyCounters =>
        [.. Increments.Where(i => i.Counter != StatCounter.Sent)];

    private readonly ConcurrentDictionary<(DateOnly Date, StatCounter Counter, string EventId), bool> _events = new();

    /// <summary>Records the increment, once per (date, counter, event) as the port promises.</summary>
    public Task IncrementAsync(DateOnly date, string promptId, StatCounter counter, string eventId, CancellationToken cancellationToken)
    {
        if (_events.TryAdd((date, counter, eventId), true))
        {
            Increments.Enqueue((date, promptId, counter));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PromptDayStats>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PromptDayStats>>(
        [
            .. Increments.Where(i => i.Date >= from && i.Date <= to)
                .GroupBy(i => (i.Date, i.PromptId))
                .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.PromptId, StringComparer.Ordinal)
                .Select(g => new PromptDayStats(
                    g.Key.Date, g.Key.PromptId,
                    g.Count(i => i.Counter == StatCounter.Sent), g.Count(i => i.Counter == StatCounter.Delivered),
                    g.Count(i => i.Counter == StatCounter.Failed), g.Count(i => i.Counter == StatCounter.OptOut),
                    g.Count(i => i.Counter == StatCounter.Done))),
        ]);
}
