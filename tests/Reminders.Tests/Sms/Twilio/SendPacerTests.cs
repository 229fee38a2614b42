using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms.Twilio;

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
}
