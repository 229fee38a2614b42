using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>The schedule rows' plan and the conditional removal of a moved row, on Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableScheduleMoveTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Due = new(2026, 6, 10, 13, 30, 0, TimeSpan.Zero);
    private static readonly SchedulePlan Plan = new("Europe/Berlin", new TimeOnly(7, 5, 30), Held: false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MoveManyAsync_RowWithPlan_ReadsBackThePlanAndTheNewRowsTag()
    {
        var index = new TableScheduleIndex(await azurite.CreateTablesAsync(Ct));
        var held = new SchedulePlan("America/New_York", new TimeOnly(8, 0), Held: true);
        await index.AddAsync(new ScheduleEntry("+4915110000001", Due) { Plan = Plan }, Ct);
        await index.AddAsync(new ScheduleEntry("+4915110000002", Due) { Plan = held }, Ct);
        await index.AddAsync(new ScheduleEntry("+4915110000003", Due), Ct); // written before rows carried a plan

        var due = await index.ReadDueAsync(Due, Due, Ct);
        Assert.Equal([Plan, held, null], due.Select(e => e.Plan));

        var tags = await index.MoveManyAsync([new ScheduleMove(due[0], due[0] with { DueUtc = Due.AddDays(1) })], Ct);

        Assert.False(string.IsNullOrEmpty(Assert.Single(tags)));
        Assert.Equal(Plan, Assert.Single(await index.ReadDueAsync(Due.AddDays(1), Due.AddDays(1), Ct)).Plan);
    }

    [Fact]
    public async Task RemoveIfUnchangedAsync_RowWrittenAgainSinceTheMove_StaysOtherwiseGoes()
    {
        var index = new TableScheduleIndex(await azurite.CreateTablesAsync(Ct));
        var source = new ScheduleEntry("+4915110000001", Due) { Plan = Plan };
        var to = source with { DueUtc = Due.AddDays(1) };
        await index.AddAsync(source, Ct);
        var tag = Assert.Single(await index.MoveManyAsync([new ScheduleMove(source, to)], Ct))!;

        // A subscriber update computed the same instant and wrote the row again (its row comes before the subscriber).
        await index.AddAsync(to, Ct);
        Assert.False(await index.RemoveIfUnchangedAsync(to, tag, Ct));
        Assert.Single(await index.ReadDueAsync(to.DueUtc, to.DueUtc, Ct));

        var fresh = Assert.Single(await index.MoveManyAsync([new ScheduleMove(source, to)], Ct))!;
        Assert.True(await index.RemoveIfUnchangedAsync(to, fresh, Ct));
        Assert.Empty(await index.ReadDueAsync(to.DueUtc, to.DueUtc, Ct));
        Assert.True(await index.RemoveIfUnchangedAsync(to, fresh, Ct)); // already gone
    }
}
