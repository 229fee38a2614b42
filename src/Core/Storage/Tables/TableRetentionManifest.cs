using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// The manifest rows behind the Table Storage retention sweep. Each is an upsert written before the row it points at
/// (so no expiring row is ever written without one: a failure between the two leaves a manifest row whose target is
/// missing, which the sweep skips), partitioned by day so the sweep reads only the days that expire:
/// <list type="bullet">
/// <item><c>seen-{UTC day}</c>, RK MessageSid: a webhook record (InboundSeen PK sid, RK <c>seen</c>).</item>
/// <item><c>mark-{local date}</c>, RK <c>{phone}-{marker}</c>: a once-a-day marker (InboundSeen PK phone).</item>
/// <item><c>limit-{UTC day}</c>, RK <c>{key}|{row}</c>: an abuse-limit counter (Limits), written when the counter row is created.</item>
/// <item><c>msg-{UTC day}</c>, RK a hash of the numbers: numbers texted that day, one row per nudge batch (up to 100
/// numbers) or per other text, so the body sweep knows which Messages partitions hold bodies of that day.</item>
/// </list>
/// </summary>
internal static class TableRetentionManifest
{
    public const string Seen = "seen";
    public const string Mark = "mark";
    public const string Limit = "limit";
    public const string Message = "msg";
    public const string PhonesProperty = "Phones";
    public const string PhoneProperty = "Phone";
    public const string TargetPartitionProperty = "TargetPk";
    public const string TargetRowProperty = "TargetRk";

    public static string Partition(string kind, DateOnly day) => kind + "-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>The day of a manifest partition key, or null when it is not one of <paramref name="kind"/>.</summary>
    public static DateOnly? ParseDay(string kind, string partitionKey) =>
        partitionKey.StartsWith(kind + "-", StringComparison.Ordinal)
        && DateOnly.TryParseExact(partitionKey[(kind.Length + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>The filter of every partition of <paramref name="kind"/> (<c>-</c> is followed by <c>.</c> in ASCII).</summary>
    public static string KindFilter(string kind) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {kind + "-"} and PartitionKey lt {kind + "."}");

    public static Task NoteSeenAsync(TableStoreTables tables, string messageSid, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        UpsertAsync(tables, TableWrites.Entity(Partition(Seen, Day(receivedAt)), messageSid), cancellationToken);

    public static Task NoteMarkAsync(TableStoreTables tables, PhoneNumber phone, string marker, DateOnly localDate, string markerRowKey, CancellationToken cancellationToken)
    {
        var entity = TableWrites.Entity(Partition(Mark, localDate), phone.Value + "-" + marker);
        entity[PhoneProperty] = phone.Value;
        entity[TargetRowProperty] = markerRowKey;
        return UpsertAsync(tables, entity, cancellationToken);
    }

    /// <summary>Notes a limit counter whose window starts with its UTC date (<c>yyyyMMdd...</c>); other windows are not swept.</summary>
    public static Task NoteLimitAsync(TableStoreTables tables, string key, string window, string rowKey, CancellationToken cancellationToken)
    {
        if (window.Length < 8
            || !DateOnly.TryParseExact(window[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TableKeys.IsValid(key + "|" + rowKey))
        {
            return Task.CompletedTask;
        }

        var entity = TableWrites.Entity(Partition(Limit, day), key + "|" + rowKey);
        entity[TargetPartitionProperty] = key;
        entity[TargetRowProperty] = rowKey;
        return UpsertAsync(tables, entity, cancellationToken);
    }

    /// <summary>One row naming <paramref name="phones"/>; the same set on the same day is the same row (a redelivered batch rewrites it).</summary>
    public static Task NoteMessagesAsync(TableStoreTables tables, IReadOnlyCollection<PhoneNumber> phones, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (phones.Count == 0)
        {
            return Task.CompletedTask;
        }

        var joined = string.Join(',', phones.Select(p => p.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var rowKey = phones.Count == 1 ? joined : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)));
        var entity = TableWrites.Entity(Partition(Message, Day(at)), rowKey);
        entity[PhonesProperty] = joined;
        return UpsertAsync(tables, entity, cancellationToken);
    }

    private static async Task UpsertAsync(TableStoreTables tables, TableEntity entity, CancellationToken cancellationToken)
    {
        using var response = await tables.Retention.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
