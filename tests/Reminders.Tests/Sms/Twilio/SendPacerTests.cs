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
        var clock = new TimerWatchingFakeTimeProvider(TwilioHarness.Start);
        var sut = new SendPacer(Options.Create(new DeliveryOptions { MaxMessagesPerSecond = 10_000 }), clock);
        const int Senders = 16;
        const int Milliseconds = 1000;
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
        for (var ms = 1; ms <= Milliseconds; ms++)
        {
            await UntilEverySenderWaitsAsync(clock, turns, Senders);
            Assert.Equal(10 * (ms - 1) + 1, sends.Count);
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        await UntilEverySenderWaitsAsync(clock, turns, Senders);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(loops));

        Assert.Equal((10 * Milliseconds) + 1, sends.Count);
        var ordered = sends.Order().ToList();
        for (var k = 0; k < ordered.Count; k++)
        {
            Assert.True(ordered[k] >= TimeSpan.FromTicks(1000L * k), $"send {k} went at {ordered[k]}, before its slot");
        }
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
