using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms.Twilio;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Sms.Twilio;

public sealed class SendPacerTests
{
    private readonly FakeTimeProvider _clock = new(TwilioHarness.Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SendPacer CreateSut(double perSecond) =>
        new(Options.Create(new DeliveryOptions { MaxMessagesPerSecond = perSecond }), _clock);

    [Fact]
    public void Reserve_BackToBackAtTwoPerSecond_SpacesSlotsHalfASecondApart()
    {
        var sut = CreateSut(2);

        var waits = Enumerable.Range(0, 4).Select(_ => sut.Reserve(1)).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1500)], waits);
    }

    [Fact]
    public void Reserve_ThreeSegmentText_OccupiesThreeIntervals()
    {
        var sut = CreateSut(1);

        Assert.Equal(TimeSpan.Zero, sut.Reserve(3));
        Assert.Equal(TimeSpan.FromSeconds(3), sut.Reserve(1));
    }

    [Fact]
    public void Reserve_AfterTheSenderWasIdle_DoesNotWait()
    {
        var sut = CreateSut(1);
        sut.Reserve(1);
        sut.Reserve(1);

        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.Zero, sut.Reserve(1));
    }

    [Fact]
    public void Reserve_BehindTheClockByLessThanTheCatchUp_TheDueSlotsGoAtOnceAndNoMore()
    {
        // A sender woken 5 ms late (timers wake late) finds five slots of 1 ms due: they are still the stretch's, so
        // five texts go at once, and the sixth waits for its own slot. Nothing goes before its slot.
        var sut = CreateSut(1_000);
        Assert.Equal(TimeSpan.Zero, sut.Reserve(1));

        _clock.Advance(TimeSpan.FromMilliseconds(5));

        var waits = Enumerable.Range(0, 7).Select(_ => sut.Reserve(1)).ToList();
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)],
            waits);
    }

    [Fact]
    public void Reserve_IdleForLongerThanTheCatchUp_StartsAFreshStretch()
    {
        // Past the catch-up the sender was idle, not late: the unused time is not saved up for a burst.
        var sut = CreateSut(1_000);
        Assert.Equal(TimeSpan.Zero, sut.Reserve(1));

        _clock.Advance(SendPacer.CatchUp + TimeSpan.FromMilliseconds(1));

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)], Enumerable.Range(0, 3).Select(_ => sut.Reserve(1)));
    }

    [Fact]
    public void Reserve_ManyCallersAtOnce_EveryCallerGetsItsOwnSlot()
    {
        var sut = CreateSut(10);

        var waits = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
        Parallel.For(0, 50, _ => waits.Add(sut.Reserve(1)));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => TimeSpan.FromMilliseconds(100 * i)), waits.Order());
    }

    [Fact]
    public async Task WaitTurnAsync_SenderBusy_CompletesOnlyWhenTheClockReachesTheSlot()
    {
        var sut = CreateSut(1);
        await sut.WaitTurnAsync(1, Ct);

        var second = sut.WaitTurnAsync(1, Ct);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await second;
        Assert.Equal(TimeSpan.FromSeconds(1), sut.Interval);
    }

    [Fact]
    public async Task WaitTurnAsync_SixteenConcurrentSendersAtTenThousandPerSecond_HoldTheRateExactly()
    {
        // At 10,000/s a slot is 0.1 ms: shorter than a timer can wait. Sixteen senders loop for one second of the
        // clock, moved a millisecond at a time; the k-th send (from 0) must never start before k x 0.1 ms, and the
        // pacer must not be slower either: after t ms exactly 10 t + 1 sends have gone.
        var sends = await RunSendersAtTenThousandAsync(
            steps: 1000,
            step: _ => TimeSpan.FromMilliseconds(1),
            beforeStep: (ms, sent) => Assert.Equal(10 * ms + 1, sent));

        Assert.Equal((10 * 1000) + 1, sends.Count);
        AssertNoSendBeforeItsSlot(sends);
    }

    [Fact]
    public async Task WaitTurnAsync_TimersThatWakeLate_StillSendAtTheFullRate()
    {
        // Real timers wake late. Here every other move of the clock is 2 ms instead of 1, so half the waits end a
        // millisecond after they were due. Sixteen senders at 10,000/s must still get every slot (not lose the ones a
        // late wake skipped), and never go before one.
        var sends = await RunSendersAtTenThousandAsync(
            steps: 200,
            step: i => TimeSpan.FromMilliseconds(i % 2 == 0 ? 1 : 2),
            beforeStep: (_, _) => { });

        // 300 ms at 10,000/s: 3,001 slots from 0 to 300 ms inclusive. Ending the stretch at each late wake lost about a
        // tenth of them (2,701).
        Assert.Equal(3_001, sends.Count);
        AssertNoSendBeforeItsSlot(sends);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7_000)]
    public void Reserve_RateThatIsNoWholeNumberOfTicks_DoesNotDriftFromTheExactSchedule(double perSecond)
    {
        var sut = CreateSut(perSecond);
        var count = (int)(perSecond * 10);

        TimeSpan last = default;
        for (var i = 0; i < count; i++)
        {
            last = sut.Reserve(1);
        }

        // Slot n starts at ceiling(n / rate) in ticks: no rounding carried from one slot to the next.
        Assert.Equal(TimeSpan.FromTicks((long)Math.Ceiling((count - 1) * (double)TimeSpan.TicksPerSecond / perSecond)), last);
    }

    /// <summary>
    /// Sixteen senders loop on one pacer at 10,000/s while the clock moves <paramref name="steps"/> times by
    /// <paramref name="step"/>(i), each time once every sender waits for its turn (<paramref name="beforeStep"/> sees
    /// the clock's whole milliseconds and the sends so far, then). Returns when each send went, from the start.
    /// </summary>
    private static async Task<List<TimeSpan>> RunSendersAtTenThousandAsync(int steps, Func<int, TimeSpan> step, Action<int, int> beforeStep)
    {
        var clock = new TimerWatchingFakeTimeProvider(TwilioHarness.Start);
        var sut = new SendPacer(Options.Create(new DeliveryOptions { MaxMessagesPerSecond = 10_000 }), clock);
        const int Senders = 16;
        var start = clock.GetUtcNow();
        var sends = new System.Collections.Concurrent.ConcurrentQueue<TimeSpan>();
        var turns = new Task?[Senders];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        async Task SendLoopAsync(int sender)
        {
            while (true)
            {
                var turn = sut.WaitTurnAsync(1, stop.Token);
                Volatile.Write(ref turns[sender], turn);
                await turn;
                sends.Enqueue(clock.GetUtcNow() - start);
            }
        }

        var loops = Enumerable.Range(0, Senders).Select(i => Task.Run(() => SendLoopAsync(i), Ct)).ToArray();
        for (var i = 0; i < steps; i++)
        {
            await UntilEverySenderWaitsAsync(clock, turns, Senders);
            beforeStep((int)(clock.GetUtcNow() - start).TotalMilliseconds, sends.Count);
            clock.Advance(step(i));
        }

        await UntilEverySenderWaitsAsync(clock, turns, Senders);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(loops));
        return [.. sends.Order()];
    }

    /// <summary>The k-th send (from 0) at 10,000/s never goes before k x 0.1 ms.</summary>
    private static void AssertNoSendBeforeItsSlot(List<TimeSpan> ordered)
    {
        for (var k = 0; k < ordered.Count; k++)
        {
            Assert.True(ordered[k] >= TimeSpan.FromTicks(1000L * k), $"send {k} went at {ordered[k]}, before its slot");
        }
    }

    /// <summary>Waits (on the test, not the clock) until every sender is parked on a pending turn with its timer set.</summary>
    private static async Task UntilEverySenderWaitsAsync(TimerWatchingFakeTimeProvider clock, Task?[] turns, int senders)
    {
        while (clock.PendingTimers.Count != senders || Array.Exists(turns, t => t is null || t.IsCompleted))
        {
            Ct.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
