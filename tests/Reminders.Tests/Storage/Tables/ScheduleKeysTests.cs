using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;

namespace Reminders.Tests.Storage.Tables;

public sealed class ScheduleKeysTests
{
    // Values computed independently (FNV-1a 32-bit of the UTF-8 text, mod 16); they must never change, or rows move.
    [Theory]
    [InlineData("+15550100001", 4)]
    [InlineData("+15550100002", 13)]
    [InlineData("+447700900123", 13)]
    public void Shard_KnownPhones_PinnedValuesSoEveryProcessAgrees(string phone, int expected)
    {
        Assert.Equal(expected, ScheduleKeys.Shard(phone));
    }

    [Fact]
    public void Shard_ManyPhones_SpreadOverAll16Shards()
    {
        var counts = Enumerable.Range(0, 16_000).GroupBy(i => ScheduleKeys.Shard($"+1555{i:D7}")).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(16, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 700, 1300));
    }

    [Fact]
    public void Keys_Entry_HourPartitionWithShardAndDueSortableRowKey()
    {
        var entry = new ScheduleEntry("+15550100001", new DateTimeOffset(2026, 3, 2, 8, 30, 15, TimeSpan.FromHours(-5)));

        Assert.Equal("2026030213-04", ScheduleKeys.PartitionKey(entry));
        Assert.Equal("20260302133015-+15550100001", ScheduleKeys.RowKey(entry));
    }
}
