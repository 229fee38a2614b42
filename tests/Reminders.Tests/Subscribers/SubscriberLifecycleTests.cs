using Reminders.Core.Subscribers;

namespace Reminders.Tests.Subscribers;

public sealed class SubscriberLifecycleTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At = new(2026, 3, 2, 15, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly PauseEnd = new(2026, 3, 9);

    // The whole table: every (from, to) pair and whether the move is a legal transition.
    public static TheoryData<SubscriberStatus, SubscriberStatus, bool> AllPairs => new()
    {
        { SubscriberStatus.Pending, SubscriberStatus.Pending, false },
        { SubscriberStatus.Pending, SubscriberStatus.Active, true },
        { SubscriberStatus.Pending, SubscriberStatus.Paused, false },
        { SubscriberStatus.Pending, SubscriberStatus.Stopped, true },
        { SubscriberStatus.Active, SubscriberStatus.Pending, false },
        { SubscriberStatus.Active, SubscriberStatus.Active, false },
        { SubscriberStatus.Active, SubscriberStatus.Paused, true },
        { SubscriberStatus.Active, SubscriberStatus.Stopped, true },
        { SubscriberStatus.Paused, SubscriberStatus.Pending, false },
        { SubscriberStatus.Paused, SubscriberStatus.Active, true },
        { SubscriberStatus.Paused, SubscriberStatus.Paused, true },
        { SubscriberStatus.Paused, SubscriberStatus.Stopped, true },
        { SubscriberStatus.Stopped, SubscriberStatus.Pending, false },
        { SubscriberStatus.Stopped, SubscriberStatus.Active, true },
        { SubscriberStatus.Stopped, SubscriberStatus.Paused, false },
        { SubscriberStatus.Stopped, SubscriberStatus.Stopped, false },
    };

    [Fact]
    public void AllPairs_Table_CoversEveryStatusPair()
    {
        var statuses = Enum.GetValues<SubscriberStatus>();

        var pairs = AllPairs.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();

        Assert.Equal(statuses.Length * statuses.Length, pairs.Count);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void IsLegal_EveryPair_MatchesTable(SubscriberStatus from, SubscriberStatus to, bool legal)
    {
        var result = SubscriberLifecycle.IsLegal(from, to);

        Assert.Equal(legal, result);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Change_EveryPair_ChangesOnlyWhenLegal(SubscriberStatus from, SubscriberStatus to, bool legal)
    {
        var subscriber = NewSubscriber(from);
        var pausedUntil = to == SubscriberStatus.Paused ? PauseEnd.AddDays(7) : (DateOnly?)null;

        var result = SubscriberLifecycle.Change(subscriber, to, At, ConsentSources.Sms, "KEYWORD", pausedUntil);

        if (from == to && to != SubscriberStatus.Paused)
        {
            Assert.Equal(new LifecycleResult(true, subscriber, null, null), result);
        }
        else if (legal)
        {
            Assert.True(result.Succeeded);
            Assert.Null(result.Error);
            Assert.Equal(to, result.Subscriber.Status);
            Assert.Equal(pausedUntil, result.Subscriber.PausedUntil);
            Assert.Equal(At, result.Subscriber.UpdatedAt);
            Assert.Equal(subscriber with { Status = to, PausedUntil = pausedUntil, UpdatedAt = At }, result.Subscriber);
            Assert.NotNull(result.Event);
            Assert.Equal((subscriber.Phone, At, ConsentSources.Sms, "KEYWORD"), (result.Event.Phone, result.Event.At, result.Event.Source, result.Event.Detail));
        }
        else
        {
            Assert.False(result.Succeeded);
            Assert.Same(subscriber, result.Subscriber);
            Assert.Null(result.Event);
            Assert.Equal($"A {Name(from)} subscriber cannot become {Name(to)}.", result.Error);
        }
    }

    [Theory]
    [InlineData(SubscriberStatus.Pending, SubscriberStatus.Active, ConsentSources.Sms, ConsentEventKinds.Confirmed)]
    [InlineData(SubscriberStatus.Pending, SubscriberStatus.Active, ConsentSources.Api, ConsentEventKinds.Confirmed)]
    [InlineData(SubscriberStatus.Pending, SubscriberStatus.Active, ConsentSources.Admin, ConsentEventKinds.Activated)]
    [InlineData(SubscriberStatus.Pending, SubscriberStatus.Stopped, ConsentSources.Sms, ConsentEventKinds.Stopped)]
    [InlineData(SubscriberStatus.Active, SubscriberStatus.Paused, ConsentSources.Sms, ConsentEventKinds.Paused)]
    [InlineData(SubscriberStatus.Active, SubscriberStatus.Stopped, ConsentSources.Admin, ConsentEventKinds.Stopped)]
    [InlineData(SubscriberStatus.Paused, SubscriberStatus.Active, ConsentSources.Sms, ConsentEventKinds.Resumed)]
    [InlineData(SubscriberStatus.Paused, SubscriberStatus.Active, ConsentSources.System, ConsentEventKinds.Resumed)]
    [InlineData(SubscriberStatus.Paused, SubscriberStatus.Paused, ConsentSources.Sms, ConsentEventKinds.Paused)]
    [InlineData(SubscriberStatus.Paused, SubscriberStatus.Stopped, ConsentSources.Sms, ConsentEventKinds.Stopped)]
    [InlineData(SubscriberStatus.Stopped, SubscriberStatus.Active, ConsentSources.Sms, ConsentEventKinds.Activated)]
    public void Change_LegalMove_RecordsConsentEvent(SubscriberStatus from, SubscriberStatus to, string source, string expectedKind)
    {
        var subscriber = NewSubscriber(from);
        var pausedUntil = to == SubscriberStatus.Paused ? PauseEnd.AddDays(1) : (DateOnly?)null;

        var result = SubscriberLifecycle.Change(subscriber, to, At, source, "detail-text", pausedUntil, messageSid: "SM123");

        Assert.Equal(new ConsentEvent(subscriber.Phone, At, expectedKind, source, "detail-text", "SM123"), result.Event);
    }

    [Fact]
    public void Change_KindOverride_UsesGivenKind()
    {
        var subscriber = NewSubscriber(SubscriberStatus.Active);

        var result = SubscriberLifecycle.Change(
            subscriber, SubscriberStatus.Stopped, At, ConsentSources.Carrier, "30006", kind: ConsentEventKinds.Bounced);

        Assert.Equal(new ConsentEvent(subscriber.Phone, At, ConsentEventKinds.Bounced, ConsentSources.Carrier, "30006"), result.Event);
        Assert.Equal(SubscriberStatus.Stopped, result.Subscriber.Status);
    }

    [Fact]
    public void Change_PauseWithoutDate_FailsWithoutChange()
    {
        var subscriber = NewSubscriber(SubscriberStatus.Active);

        var result = SubscriberLifecycle.Change(subscriber, SubscriberStatus.Paused, At, ConsentSources.Sms, "PAUSE");

        Assert.Equal(new LifecycleResult(false, subscriber, null, "A pause needs the date it ends."), result);
    }

    [Fact]
    public void Change_ExtendPauseWithoutDate_FailsWithoutChange()
    {
        var subscriber = NewSubscriber(SubscriberStatus.Paused);

        var result = SubscriberLifecycle.Change(subscriber, SubscriberStatus.Paused, At, ConsentSources.Sms, "PAUSE");

        Assert.Equal(new LifecycleResult(false, subscriber, null, "A pause needs the date it ends."), result);
    }

    [Fact]
    public void Change_ExtendPauseToNewDate_MovesEndAndRecordsEvent()
    {
        var subscriber = NewSubscriber(SubscriberStatus.Paused);
        var newEnd = PauseEnd.AddDays(14);

        var result = SubscriberLifecycle.Change(subscriber, SubscriberStatus.Paused, At, ConsentSources.Sms, "PAUSE 14", newEnd);

        Assert.True(result.Succeeded);
        Assert.Equal(newEnd, result.Subscriber.PausedUntil);
        Assert.Equal(ConsentEventKinds.Paused, result.Event?.Kind);
    }

    [Fact]
    public void Change_PauseAgainWithSameDate_IsNoOpWithoutEvent()
    {
        var subscriber = NewSubscriber(SubscriberStatus.Paused);

        var result = SubscriberLifecycle.Change(subscriber, SubscriberStatus.Paused, At, ConsentSources.Admin, "ops", PauseEnd);

        Assert.Equal(new LifecycleResult(true, subscriber, null, null), result);
        Assert.Same(subscriber, result.Subscriber);
    }

    [Theory]
    [InlineData(SubscriberStatus.Active)]
    [InlineData(SubscriberStatus.Stopped)]
    public void Change_LeavingPause_ClearsPausedUntil(SubscriberStatus to)
    {
        var subscriber = NewSubscriber(SubscriberStatus.Paused);

        var result = SubscriberLifecycle.Change(subscriber, to, At, ConsentSources.Sms, "RESUME", PauseEnd);

        Assert.Equal(to, result.Subscriber.Status);
        Assert.Null(result.Subscriber.PausedUntil);
    }

    [Theory]
    [InlineData(SubscriberStatus.Pending)]
    [InlineData(SubscriberStatus.Active)]
    [InlineData(SubscriberStatus.Stopped)]
    public void Change_SameStatus_IsNoOpWithoutEvent(SubscriberStatus status)
    {
        var subscriber = NewSubscriber(status);

        var result = SubscriberLifecycle.Change(subscriber, status, At, ConsentSources.Sms, "YES");

        Assert.True(result.Succeeded);
        Assert.Same(subscriber, result.Subscriber);
        Assert.Null(result.Event);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Change_BlankSource_Throws(string source)
    {
        var subscriber = NewSubscriber(SubscriberStatus.Pending);

        var error = Assert.Throws<ArgumentException>(() => SubscriberLifecycle.Change(subscriber, SubscriberStatus.Active, At, source, null));

        Assert.Equal("source", error.ParamName);
    }

    private static Subscriber NewSubscriber(SubscriberStatus status) => new(
        PhoneNumber.FromE164("+15551230123"),
        status,
        "America/New_York",
        new TimeOnly(9, 0),
        ["words"],
        "Sam",
        ["p-1", "p-2"],
        status == SubscriberStatus.Paused ? PauseEnd : null,
        new DateTimeOffset(2026, 3, 3, 14, 0, 0, TimeSpan.Zero),
        new DateOnly(2026, 3, 1),
        Created,
        Created);

    private static string Name(SubscriberStatus status) => status.ToString().ToLowerInvariant();
}
