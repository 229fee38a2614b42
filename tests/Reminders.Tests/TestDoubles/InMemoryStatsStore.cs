using Reminders.Core.Storage;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// An <see cref="IStatsStore"/> in memory. It does not override <see cref="IStatsStore.WasEverSentAsync"/>, so tests
/// using it also exercise the port's default implementation.
/// </summary>
public sealed class InMemoryStatsStore : IStatsStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<(DateOnly Date, string PromptId), PromptDayStats> _rows = [];

    private readonly HashSet<(DateOnly Date, StatCounter Counter, string EventId)> _events = [];

    public Task IncrementAsync(DateOnly date, string promptId, StatCounter counter, string eventId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_events.Add((date, counter, eventId)))
            {
                return Task.CompletedTask;
            }

            var row = _rows.GetValueOrDefault((date, promptId)) ?? new PromptDayStats(date, promptId, 0, 0, 0, 0, 0);
            _rows[(date, promptId)] = counter switch
            {
                StatCounter.Sent => row with { Sent = row.Sent + 1 },
                StatCounter.Delivered => row with { Delivered = row.Delivered + 1 },
                StatCounter.Failed => row with { Failed = row.Failed + 1 },
                StatCounter.OptOut => row with { OptOuts = row.OptOuts + 1 },
                _ => row with { Done = row.Done + 1 },
            };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PromptDayStats>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PromptDayStats>>([.. _rows.Values.Where(r => r.Date >= from && r.Date <= to)]);
        }
    }
}
