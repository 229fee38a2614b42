using Microsoft.Extensions.Time.Testing;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// <see cref="FakeTimeProvider"/> (it owns the clock and fires timers on <see cref="FakeTimeProvider.Advance"/>) plus
/// the one thing it lacks: telling a test that the code under test has started waiting. Tests that must act while a
/// retry backoff or a request timeout is pending (<c>Task.Delay(delay, time, ct)</c>,
/// <c>new CancellationTokenSource(timeout, time)</c>) await <see cref="WaitForTimerAsync(Func{TimeSpan, bool}, CancellationToken)"/>,
/// a signal from the code, not a wall-clock sleep, and read <see cref="PendingTimers"/>. Matching the delay a timer
/// was scheduled with (not the time left) keeps a 15 s request timeout from looking like a 2 s backoff after the
/// clock has moved. Nothing else is added; time itself is FakeTimeProvider's.
/// </summary>
public sealed class TimerWatchingFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<WatchedTimer> _timers = [];
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource Done)> _waiters = [];

    /// <summary>How long until each active timer fires, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers
    {
        get
        {
            var now = GetUtcNow();
            lock (_gate)
            {
                return [.. _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value - now).Order()];
            }
        }
    }

    /// <summary>How many active timers were scheduled with a delay matching <paramref name="delay"/>.</summary>
    public int CountTimers(Func<TimeSpan, bool> delay)
    {
        ArgumentNullException.ThrowIfNull(delay);
        lock (_gate)
        {
            return _timers.Count(t => t.DueAt is not null && delay(t.ScheduledDelay));
        }
    }

    /// <summary>Completes when an active timer scheduled with a delay matching <paramref name="delay"/> exists.</summary>
    public Task WaitForTimerAsync(Func<TimeSpan, bool> delay, CancellationToken cancellationToken)
    {
        var waiter = (delay, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_timers.Exists(t => t.DueAt is not null && delay(t.ScheduledDelay)))
            {
                return Task.CompletedTask;
            }

            _waiters.Add(waiter);
        }

        return waiter.Item2.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when an active timer scheduled with exactly <paramref name="delay"/> exists.</summary>
    public Task WaitForTimerAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        WaitForTimerAsync(scheduled => scheduled == delay, cancellationToken);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this);
        lock (_gate)
        {
            _timers.Add(watched);
        }

        watched.Inner = base.CreateTimer(
            s =>
            {
                watched.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        watched.Change(dueTime, period);
        return watched;
    }

    private void Scheduled(WatchedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource> ready = [];
        var now = GetUtcNow();
        lock (_gate)
        {
            timer.Period = period;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
            timer.ScheduledDelay = dueTime;
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                foreach (var waiter in _waiters.Where(w => w.Match(dueTime)).ToList())
                {
                    _waiters.Remove(waiter);
                    ready.Add(waiter.Done);
                }
            }
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }

    private void Removed(WatchedTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class WatchedTimer(TimerWatchingFakeTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public TimeSpan ScheduledDelay { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Scheduled(this, dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Fired()
        {
            lock (owner._gate)
            {
                DueAt = Period > TimeSpan.Zero && Period != Timeout.InfiniteTimeSpan ? owner.GetUtcNow() + Period : null;
            }
        }

        public void Dispose()
        {
            owner.Removed(this);
            Inner.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            owner.Removed(this);
            await Inner.DisposeAsync();
        }
    }
}
