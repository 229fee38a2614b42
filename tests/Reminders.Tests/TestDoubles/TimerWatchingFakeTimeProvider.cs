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

    /// <summary>
    /// Arms <paramref name="timer"/> on the fake clock, then records when it is due, then tells the waiters: a test
    /// that answers by advancing the clock finds the timer armed, and due when this says. Recorded the other way round,
    /// an advance between the two steps armed the timer a whole step later than <see cref="PendingTimers"/> showed, so
    /// a test advancing by what it showed never reached it. The gate keeps the timer's own firing (on the thread that
    /// advances) from landing between arming and recording.
    /// </summary>
    private bool Schedule(WatchedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource> ready = [];
        bool changed;
        lock (_gate)
        {
            timer.Period = period;
            timer.ScheduledDelay = dueTime;
            var firedBefore = timer.FiredCount;
            changed = timer.Inner.Change(dueTime, period);
            if (timer.FiredCount == firedBefore)
            {
                // Not fired at once (a due time of zero fires inside Change, and Fired has set the next due time). The
                // clock is read after arming, so this is never earlier than the fake clock's own due time.
                timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : GetUtcNow() + dueTime;
            }
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

        return changed;
    }

    private static bool IsPeriodic(TimeSpan period) => period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan;

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

        public int FiredCount { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => owner.Schedule(this, dueTime, period);

        public void Fired()
        {
            lock (owner._gate)
            {
                FiredCount++;
                DueAt = IsPeriodic(Period) ? owner.GetUtcNow() + Period : null;
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
