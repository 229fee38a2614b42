using Reminders.Core.Prompts;
using Reminders.Core.Storage;

namespace Reminders.Tests.Storage;

/// <summary>
/// The contract of the admin stores (<see cref="IPromptChangeLog"/>, <see cref="IStatsStore"/>), checked through the
/// ports only. Each store gets a subclass that builds fresh, empty stores per test.
/// </summary>
public abstract class AdminStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
    private static readonly DateOnly Day = new(2026, 3, 1);

    private (IPromptChangeLog ChangeLog, IStatsStore Stats)? _stores;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IPromptChangeLog ChangeLog => (_stores ?? throw new InvalidOperationException("InitializeAsync has not run.")).ChangeLog;

    private IStatsStore Stats => (_stores ?? throw new InvalidOperationException("InitializeAsync has not run.")).Stats;

    /// <summary>Creates fresh, initialised, empty stores.</summary>
    protected abstract Task<(IPromptChangeLog ChangeLog, IStatsStore Stats)> CreateStoresAsync();

    protected virtual ValueTask DisposeStoresAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync() => _stores = await CreateStoresAsync();

    public async ValueTask DisposeAsync()
    {
        await DisposeStoresAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ChangeLog_AppendThenList_RoundTripsEveryFieldNewestFirstPerPrompt()
    {
        var before = new Prompt("touch-hug", "Hug \"them\" – now 😊", "touch", "partner", "Why\nline", "001_15b6b995e4e4b914.txt", Enabled: true);
        var after = before with { Text = "Hug them.", Enabled = false, Source = PromptSources.Admin };
        var created = new PromptChange("touch-hug", At, "alice", PromptChangeActions.Created, null, before);
        var updated = new PromptChange("touch-hug", At.AddMinutes(1), "bob", PromptChangeActions.Updated, before, after);
        var deleted = new PromptChange("touch-hug", At.AddMinutes(2), "bob", PromptChangeActions.Deleted, after, null);
        var other = new PromptChange("words-thanks", At, "alice", PromptChangeActions.Created, null, before with { Id = "words-thanks" });

        foreach (var change in new[] { created, other, updated, deleted })
        {
            await ChangeLog.AppendAsync(change, Ct);
        }

        Assert.Equal([deleted, updated, created], await ChangeLog.ListAsync("touch-hug", Ct));
        Assert.Equal([other], await ChangeLog.ListAsync("words-thanks", Ct));
        Assert.Empty(await ChangeLog.ListAsync("touch", Ct));
    }

    [Fact]
    public async Task ChangeLog_TwoChangesAtTheSameInstant_ListsTheLaterAppendFirst()
    {
        var first = new PromptChange("p", At, "a", PromptChangeActions.Updated, null, null);
        var second = first with { Actor = "b" };

        await ChangeLog.AppendAsync(first, Ct);
        await ChangeLog.AppendAsync(second, Ct);

        Assert.Equal(["b", "a"], (await ChangeLog.ListAsync("p", Ct)).Select(c => c.Actor));
    }

    [Fact]
    public async Task Stats_IncrementEachCounter_ReadsBackPerDayAndPromptInOrder()
    {
        await Stats.IncrementAsync(Day.AddDays(1), "b-prompt", StatCounter.Sent, NextEvent(), Ct);
        await Stats.IncrementAsync(Day, "b-prompt", StatCounter.Sent, NextEvent(), Ct);
        await Stats.IncrementAsync(Day, "b-prompt", StatCounter.Sent, NextEvent(), Ct);
        await Stats.IncrementAsync(Day, "b-prompt", StatCounter.Delivered, NextEvent(), Ct);
        await Stats.IncrementAsync(Day, "b-prompt", StatCounter.Failed, NextEvent(), Ct);
        await Stats.IncrementAsync(Day, "b-prompt", StatCounter.OptOut, NextEvent(), Ct);
        await Stats.IncrementAsync(Day, "b-prompt", StatCounter.Done, NextEvent(), Ct);
        await Stats.IncrementAsync(Day, "a-prompt", StatCounter.Done, NextEvent(), Ct);

        var rows = await Stats.ReadAsync(Day, Day.AddDays(1), Ct);

        Assert.Equal(
            [
                new PromptDayStats(Day, "a-prompt", 0, 0, 0, 0, 1),
                new PromptDayStats(Day, "b-prompt", 2, 1, 1, 1, 1),
                new PromptDayStats(Day.AddDays(1), "b-prompt", 1, 0, 0, 0, 0),
            ],
            rows);
    }

    [Fact]
    public async Task Stats_ReadRange_IncludesBothEndsAndNothingOutside()
    {
        foreach (var offset in new[] { -1, 0, 3, 4 })
        {
            await Stats.IncrementAsync(Day.AddDays(offset), "p", StatCounter.Sent, NextEvent(), Ct);
        }

        var rows = await Stats.ReadAsync(Day, Day.AddDays(3), Ct);

        Assert.Equal([Day, Day.AddDays(3)], rows.Select(r => r.Date));
    }

    [Fact]
    public async Task Stats_ConcurrentIncrements_LoseNoCount()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Stats.IncrementAsync(Day, "p", StatCounter.Sent, NextEvent(), Ct)));

        Assert.Equal(40, Assert.Single(await Stats.ReadAsync(Day, Day, Ct)).Sent);
    }

    [Fact]
    public async Task Stats_WasEverSent_TrueOnlyForPromptsCountedSentOrFailed()
    {
        await Stats.IncrementAsync(Day, "sent", StatCounter.Sent, NextEvent(), Ct);
        await Stats.IncrementAsync(Day.AddDays(-400), "failed-long-ago", StatCounter.Failed, NextEvent(), Ct);
        await Stats.IncrementAsync(Day, "done-only", StatCounter.Done, NextEvent(), Ct);

        Assert.True(await Stats.WasEverSentAsync("sent", Ct));
        Assert.True(await Stats.WasEverSentAsync("failed-long-ago", Ct));
        Assert.False(await Stats.WasEverSentAsync("done-only", Ct));
        Assert.False(await Stats.WasEverSentAsync("never", Ct));
        Assert.False(await Stats.WasEverSentAsync("sen", Ct));
    }

    [Fact]
    public async Task Stats_SameEventTwice_CountsOnce()
    {
        await Stats.IncrementAsync(Day, "p", StatCounter.Delivered, "+15550100001_2026-03-01", Ct);
        await Stats.IncrementAsync(Day, "p", StatCounter.Delivered, "+15550100001_2026-03-01", Ct);
        await Stats.IncrementAsync(Day, "p", StatCounter.Sent, "+15550100001_2026-03-01", Ct);

        var row = Assert.Single(await Stats.ReadAsync(Day, Day, Ct));
        Assert.Equal((1, 1), (row.Sent, row.Delivered));
    }

    [Fact]
    public async Task Stats_SameEventRacing_CountsOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Stats.IncrementAsync(Day, "p", StatCounter.Done, "SM0123456789abcdef0123456789abcdef", Ct)));

        Assert.Equal(1, Assert.Single(await Stats.ReadAsync(Day, Day, Ct)).Done);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    public async Task Stats_BadEventId_RefusedAndCountsNothing(string eventId)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Stats.IncrementAsync(Day, "p", StatCounter.Sent, eventId, Ct));

        Assert.Empty(await Stats.ReadAsync(Day, Day, Ct));
    }

    /// <summary>A fresh event id, for increments that are distinct events.</summary>
    [Fact]
    public async Task Stats_IncrementMany_CountsEachEventOnceAcrossChunksAndRepeats()
    {
        // 150 sends (more than one transaction holds) and 3 failures of one prompt, 2 sends of another, on one day.
        var sent = Enumerable.Range(0, 150).Select(_ => new StatIncrement(Day, "p", StatCounter.Sent, NextEvent())).ToList();
        var failed = Enumerable.Range(0, 3).Select(_ => new StatIncrement(Day, "p", StatCounter.Failed, NextEvent())).ToList();
        var other = Enumerable.Range(0, 2).Select(_ => new StatIncrement(Day, "q", StatCounter.Sent, NextEvent())).ToList();
        await Stats.IncrementManyAsync([.. sent.Take(100), .. failed, .. other, sent[0]], Ct);

        // A repeat of counted events (a redelivered or retried batch) mixed with new ones counts only the new ones.
        await Stats.IncrementManyAsync([.. sent, failed[1]], Ct);
        await Stats.IncrementAsync(Day, "p", StatCounter.Sent, sent[5].EventId, Ct);

        Assert.Equal(
            [new PromptDayStats(Day, "p", 150, 0, 3, 0, 0), new PromptDayStats(Day, "q", 2, 0, 0, 0, 0)],
            await Stats.ReadAsync(Day, Day, Ct));
    }

    [Fact]
    public async Task Stats_IncrementManyConcurrently_LoseNoCount()
    {
        var events = Enumerable.Range(0, 60).Select(_ => new StatIncrement(Day, "p", StatCounter.Sent, NextEvent())).ToList();

        // Four batches at once, each overlapping its neighbours by half, and single increments racing them.
        await Task.WhenAll(
            Enumerable.Range(0, 4).Select(i => Stats.IncrementManyAsync(events.Skip(i * 15).Take(30).ToList(), Ct))
                .Append(Stats.IncrementAsync(Day, "p", StatCounter.Sent, events[0].EventId, Ct))
                .Append(Stats.IncrementAsync(Day, "p", StatCounter.Sent, NextEvent(), Ct)));

        Assert.Equal(61, Assert.Single(await Stats.ReadAsync(Day, Day, Ct)).Sent);
    }

    protected static string NextEvent() => Guid.NewGuid().ToString("N");
}
