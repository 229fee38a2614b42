using Reminders.Core.Storage;

namespace Reminders.Tests.Storage;

/// <summary>Contract of <see cref="IScheduleIndex"/>.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset Hour14 = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ScheduleReadDueAsync_RowsAcrossHourBoundaries_ReturnsOnlyRowsInRangeInDueOrder()
    {
        var rows = new[]
        {
            new ScheduleEntry("+15550100006", Hour14.AddHours(2).AddMinutes(10)), // after the range
            new ScheduleEntry("+15550100003", Hour14.AddMinutes(59).AddSeconds(59)),
            new ScheduleEntry("+15550100001", Hour14.AddSeconds(-1)), // just before the range
            new ScheduleEntry("+15550100004", Hour14.AddHours(1)), // the upper bound itself
            new ScheduleEntry("+15550100002", Hour14), // the lower bound itself
            new ScheduleEntry("+15550100005", Hour14.AddHours(1).AddSeconds(1)), // just after the range
            new ScheduleEntry("+15550100007", Hour14.AddDays(-1).AddMinutes(30)), // same hour, previous day
        };
        foreach (var row in rows)
        {
            await Stores.Schedule.AddAsync(row, Ct);
        }

        var due = await Stores.Schedule.ReadDueAsync(Hour14, Hour14.AddHours(1), Ct);

        Assert.Equal(["+15550100002", "+15550100003", "+15550100004"], due.Select(e => e.Phone));
        Assert.Equal([Hour14, Hour14.AddMinutes(59).AddSeconds(59), Hour14.AddHours(1)], due.Select(e => e.DueUtc));
    }

    [Fact]
    public async Task ScheduleReadDueAsync_RangeSpanningMidnightAndSeveralHours_ReturnsDueOrder()
    {
        var start = new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero);
        var dues = new[] { 200, 5, 95, 60, 150, 30 }.Select(minutes => start.AddMinutes(minutes)).ToList();
        for (var i = 0; i < dues.Count; i++)
        {
            await Stores.Schedule.AddAsync(new ScheduleEntry($"+1555010000{i}", dues[i]), Ct);
        }

        var due = await Stores.Schedule.ReadDueAsync(start, start.AddHours(4), Ct);

        Assert.Equal(dues.Order(), due.Select(e => e.DueUtc));
    }

    [Fact]
    public async Task ScheduleReadDueAsync_SamePhoneAtTwoInstants_ReturnsBothRows()
    {
        await Stores.Schedule.AddAsync(new ScheduleEntry("+15550100001", Hour14.AddMinutes(5)), Ct);
        await Stores.Schedule.AddAsync(new ScheduleEntry("+15550100001", Hour14.AddMinutes(50)), Ct);

        var due = await Stores.Schedule.ReadDueAsync(Hour14, Hour14.AddHours(1), Ct);

        Assert.Equal([Hour14.AddMinutes(5), Hour14.AddMinutes(50)], due.Select(e => e.DueUtc));
    }

    [Fact]
    public async Task ScheduleAddAsync_SameEntryTwice_KeepsOneRow()
    {
        var entry = new ScheduleEntry("+15550100001", Hour14.AddMinutes(30));

        await Stores.Schedule.AddAsync(entry, Ct);
        await Stores.Schedule.AddAsync(entry, Ct);

        Assert.Equal([entry], await Stores.Schedule.ReadDueAsync(Hour14, Hour14.AddHours(1), Ct));
    }

    [Fact]
    public async Task ScheduleRemoveAsync_Existing_RemovesOnlyThatRow()
    {
        var gone = new ScheduleEntry("+15550100001", Hour14.AddMinutes(30));
        var samePhoneLater = new ScheduleEntry("+15550100001", Hour14.AddMinutes(45));
        var sameInstantOtherPhone = new ScheduleEntry("+15550100002", Hour14.AddMinutes(30));
        await Stores.Schedule.AddAsync(gone, Ct);
        await Stores.Schedule.AddAsync(samePhoneLater, Ct);
        await Stores.Schedule.AddAsync(sameInstantOtherPhone, Ct);

        await Stores.Schedule.RemoveAsync(gone, Ct);

        var due = await Stores.Schedule.ReadDueAsync(Hour14, Hour14.AddHours(1), Ct);
        Assert.Equal([sameInstantOtherPhone, samePhoneLater], due);
    }

    [Fact]
    public async Task ScheduleRemoveAsync_Missing_DoesNothing()
    {
        var kept = new ScheduleEntry("+15550100001", Hour14.AddMinutes(30));
        await Stores.Schedule.AddAsync(kept, Ct);

        await Stores.Schedule.RemoveAsync(new ScheduleEntry("+15550100001", Hour14.AddMinutes(31)), Ct);
        await Stores.Schedule.RemoveAsync(new ScheduleEntry("+15550100009", Hour14.AddMinutes(30)), Ct);

        Assert.Equal([kept], await Stores.Schedule.ReadDueAsync(Hour14, Hour14.AddHours(1), Ct));
    }

    [Fact]
    public async Task ScheduleGetScanCursorAsync_BeforeFirstScan_ReturnsNull()
    {
        Assert.Null(await Stores.Schedule.GetScanCursorAsync(Ct));
    }

    [Fact]
    public async Task ScheduleSetScanCursorAsync_SetTwice_GetReturnsLatest()
    {
        await Stores.Schedule.SetScanCursorAsync(Hour14, Ct);
        await Stores.Schedule.SetScanCursorAsync(Hour14.AddMinutes(5), Ct);

        Assert.Equal(Hour14.AddMinutes(5), await Stores.Schedule.GetScanCursorAsync(Ct));
    }
}
