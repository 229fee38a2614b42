namespace Reminders.Tests.TestDoubles;

/// <summary>The clock the end-to-end harnesses move by hand must never show a timer the fake clock has not armed.</summary>
public sealed class TimerWatchingFakeTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitForTimer_AdvancingTheMomentATimerIsAnnounced_FiresIt()
    {
        var clock = new TimerWatchingFakeTimeProvider(Start);
        var fired = 0;
        // The waiter's match runs as the timer is announced: advancing there is the earliest any test can react.
        // Announced before it was armed, the timer was armed two seconds after this advance and never fired.
        var waiting = clock.WaitForTimerAsync(
            delay =>
            {
                clock.Advance(delay);
                return true;
            },
            Ct);

        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        await waiting;

        Assert.Equal(1, fired);
        Assert.Empty(clock.PendingTimers);
    }

    [Fact]
    public void PendingTimers_ATimerThatFiresAsItIsArmed_IsNotListed()
    {
        var clock = new TimerWatchingFakeTimeProvider(Start);
        var fired = 0;

        // Due at once: the fake clock fires it inside the call that arms it.
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(1, fired);
        Assert.Empty(clock.PendingTimers);
    }

    [Fact]
    public void PendingTimers_APeriodicTimerThatFiresAsItIsArmed_IsListedAtItsNextPeriod()
    {
        var clock = new TimerWatchingFakeTimeProvider(Start);
        var fired = 0;

        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.Zero, TimeSpan.FromMinutes(5));

        Assert.Equal(1, fired);
        Assert.Equal([TimeSpan.FromMinutes(5)], clock.PendingTimers);
    }
}
