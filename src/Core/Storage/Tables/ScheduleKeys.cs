using System.Globalization;
using System.Text;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Keys of the due index. PartitionKey <c>{UTC hour yyyyMMddHH}-{shard 00..15}</c> spreads one hour's rows over 16
/// partitions (no hot partition); RowKey <c>{due yyyyMMddHHmmss}-{phone}</c> sorts by due time inside a partition.
/// The shard is a stable hash (FNV-1a of the UTF-8 phone), identical in every process and runtime version.
/// </summary>
public static class ScheduleKeys
{
    public const int ShardCount = 16;

    private const string HourFormat = "yyyyMMddHH";
    private const string SecondFormat = "yyyyMMddHHmmss";

    /// <summary>The shard 0..15 of <paramref name="phone"/>.</summary>
    public static int Shard(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(phone))
        {
            hash = unchecked((hash ^ b) * prime);
        }

        return (int)(hash % ShardCount);
    }

    public static string PartitionKey(DateTimeOffset hourUtc, int shard) =>
        hourUtc.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture) + "-" + shard.ToString("00", CultureInfo.InvariantCulture);

    public static string PartitionKey(ScheduleEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return PartitionKey(entry.DueUtc, Shard(entry.Phone));
    }

    public static string RowKey(ScheduleEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return SecondKey(entry.DueUtc) + "-" + entry.Phone;
    }

    /// <summary>The RowKey prefix for an instant, truncated to the second.</summary>
    public static string SecondKey(DateTimeOffset instant) => instant.UtcDateTime.ToString(SecondFormat, CultureInfo.InvariantCulture);

    /// <summary>The start of the UTC hour containing <paramref name="instant"/>.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary><paramref name="instant"/> truncated to the whole second.</summary>
    public static DateTimeOffset TruncateToSecond(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
