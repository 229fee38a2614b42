using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// Reads and writes entities in the JSON light format: Int64, DateTime, Guid, binary and double values carry an
/// <c>@odata.type</c> annotation (Int64 travels as a string so values above 2^53 keep their precision).
/// </summary>
internal static class TableEntityJson
{
    public const int MaxStringLength = 32 * 1024;
    public const int MaxBinaryLength = 64 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;

    private static readonly DateTimeOffset MinDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseDateTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    public static DateTimeOffset ToUtcOffset(DateTime value) => value.Kind == DateTimeKind.Utc
        ? new DateTimeOffset(value)
        : throw new ArgumentException("Only UTC DateTime values can be stored; use DateTimeOffset.", nameof(value));

    public static DateTimeOffset CheckDateRange(DateTimeOffset value, string name) => value >= MinDate
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), $"Property '{name}' is before 1601-01-01, the earliest Edm.DateTime.");

    /// <summary>The request body for <paramref name="entity"/>, including its keys.</summary>
    public static byte[] Serialize(TableEntity entity)
    {
        if (entity.Properties.Count > TableEntity.MaxCustomProperties)
        {
            throw new ArgumentException(
                $"An entity has at most {TableEntity.MaxCustomProperties} custom properties; this one has {entity.Properties.Count}.", nameof(entity));
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        if (buffer.WrittenCount > MaxEntityBytes)
        {
            throw new ArgumentException($"The entity is {buffer.WrittenCount} bytes as JSON; the limit is 1 MiB.", nameof(entity));
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one entity object (a query row or a point read).</summary>
    public static TableEntity Deserialize(JsonElement element)
    {
        var partitionKey = element.TryGetProperty("PartitionKey", out var pk) ? pk.GetString() ?? string.Empty : string.Empty;
        var rowKey = element.TryGetProperty("RowKey", out var rk) ? rk.GetString() ?? string.Empty : string.Empty;
        var entity = TableEntity.FromWire(partitionKey, rowKey);

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                entity.ETag = property.Value.GetString();
                continue;
            }

            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal)
                || name.Contains('@', StringComparison.Ordinal) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (name == "Timestamp")
            {
                entity.Timestamp = TryParseDateTime(property.Value.GetString() ?? string.Empty, out var ts) ? ts : null;
                continue;
            }

            var type = element.TryGetProperty(name + "@odata.type", out var annotation) ? annotation.GetString() : null;
            entity.SetFromWire(name, ReadValue(property.Value, type, name));
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case long l:
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + "@odata.type", "Edm.Int64");
                break;
            case double d:
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                writer.WriteString(name + "@odata.type", "Edm.Double");
                break;
            case DateTimeOffset dto:
                writer.WriteString(name, FormatDateTime(dto));
                writer.WriteString(name + "@odata.type", "Edm.DateTime");
                break;
            case Guid g:
                writer.WriteString(name, g.ToString("D", CultureInfo.InvariantCulture));
                writer.WriteString(name + "@odata.type", "Edm.Guid");
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                writer.WriteString(name + "@odata.type", "Edm.Binary");
                break;
            default:
                throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.", nameof(value));
        }
    }

    private static object ReadValue(JsonElement value, string? edmType, string name) => edmType switch
    {
        "Edm.Int64" => value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Edm.Int32" => value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : int.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : ParseSpecialDouble(value.GetString()),
        "Edm.DateTime" => TryParseDateTime(value.GetString() ?? string.Empty, out var dt)
            ? dt
            : throw new FormatException($"Property '{name}' is not an Edm.DateTime."),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Boolean" => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
        "Edm.String" => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(),
        null => ReadUntyped(value),
        _ => throw new FormatException($"Property '{name}' has the unknown type {edmType}."),
    };

    private static object ReadUntyped(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var i) => i,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };

    private static double ParseSpecialDouble(string? text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
