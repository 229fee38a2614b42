using System.Globalization;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// RowKeys for append-only logs read newest first: inverted ticks of the event time, then an inverted monotonic
/// timestamp so later appends at the same instant sort first, then random hex so two writers never collide.
/// </summary>
internal static class NewestFirstRowKey
{
    public static string Create(DateTimeOffset at, TimeProvider time)
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks;
        var sequence = long.MaxValue - time.GetTimestamp();
        return inverted.ToString("D19", CultureInfo.InvariantCulture)
            + "-" + sequence.ToString("D19", CultureInfo.InvariantCulture)
            + "-" + Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The bound above which every key made for an instant before <paramref name="cutoff"/> sorts (older rows sort after
    /// newer ones): <c>RowKey gt OlderThan(cutoff)</c> selects exactly the rows older than it.
    /// </summary>
    public static string OlderThan(DateTimeOffset cutoff) =>
        (DateTimeOffset.MaxValue.UtcTicks - cutoff.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-~";
}
