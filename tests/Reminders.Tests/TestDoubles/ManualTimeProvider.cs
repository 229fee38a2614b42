namespace Reminders.Tests.TestDoubles;

/// <summary>
/// A clock that moves only when told to (style guide S8), with timers that fire when <see cref="Advance"/> passes
/// their due time, so code that waits with <c>Task.Delay(delay, time, ct)</c> or
/// <c>new CancellationTokenSource(timeout, time)</c> is tested without real waiting. Tests that must act while such
/// code is waiting use <see cref="WaitForTimerAsync(Func{TimeSpan, bool}, CancellationToken)"/>: it completes when an
/// active timer scheduled with a matching delay exists, which is a signal from the code under test, not a wall-clock
/// wait. Matching the scheduled delay (not the time left) keeps a 15 s request timeout from looking like a 2 s backoff
/// after the clock has moved.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource Done)> _waiters = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>How long until each active timer fires, soonest first.</summary>
    public IReadOnlyList<TimeSpan> PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return [.. _timers.Where(t => t.DueAt is not null).Select(t => t.DueAt!.Value - _now).Order()];
            }
        }
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt!.Value;
                }

                next.DueAt = next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan ? next.DueAt + next.Period : null;
            }

            next.Fire();
        }
    }

    /// <summary>Moves the clock forward to <paramref name="value"/>, firing timers on the way like <see cref="Advance"/>.</summary>
    public void SetUtcNow(DateTimeOffset value) => Advance(value - GetUtcNow());

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
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource> ready = [];
        var fireNow = false;
        lock (_gate)
        {
            if (!_timers.Contains(timer))
            {
                return;
            }

            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
            }
            else if (dueTime <= TimeSpan.Zero)
            {
                timer.DueAt = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan ? _now + period : null;
                fireNow = true;
            }
            else
            {
                timer.DueAt = _now + dueTime;
                timer.ScheduledDelay = dueTime;
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

        if (fireNow)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => timer.Fire(), null);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; set; }

        public TimeSpan ScheduledDelay { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            owner.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
