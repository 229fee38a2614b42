using System.Globalization;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// A Table Storage entity: keys, system properties and a dictionary of typed properties
/// (string, Int32, Int64, double, bool, DateTimeOffset, Guid, binary). Shaped like Azure.Data.Tables' TableEntity.
/// Setting a property to null removes it (Table Storage does not store nulls).
/// </summary>
public sealed class TableEntity
{
    /// <summary>Most custom properties one entity may have (255 including the three system properties).</summary>
    public const int MaxCustomProperties = 252;

    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>An entity read from the service: its keys are whatever the service stored, so they are not re-validated.</summary>
    private TableEntity(string partitionKey, string rowKey, bool fromWire)
    {
        _ = fromWire;
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The ETag read with the entity (opaque; echo it in <c>If-Match</c>), or null for a new entity.</summary>
    public string? ETag { get; set; }

    /// <summary>Server-set last-modified time, when read from the service.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The custom properties (no PartitionKey, RowKey, Timestamp).</summary>
    public IReadOnlyDictionary<string, object> Properties => _properties;

    /// <summary>Gets a property (null when absent) or sets one (null removes it).</summary>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            ValidatePropertyName(name);
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            _properties[name] = Normalize(value, name);
        }
    }

    public string? GetString(string name) => Get(name) switch
    {
        null => null,
        string s => s,
        var other => throw WrongType(name, other, "string"),
    };

    public int? GetInt32(string name) => Get(name) switch
    {
        null => null,
        int i => i,
        var other => throw WrongType(name, other, "Int32"),
    };

    public long? GetInt64(string name) => Get(name) switch
    {
        null => null,
        long l => l,
        int i => i,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        var other => throw WrongType(name, other, "Int64"),
    };

    public double? GetDouble(string name) => Get(name) switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw WrongType(name, other, "double"),
    };

    public bool? GetBoolean(string name) => Get(name) switch
    {
        null => null,
        bool b => b,
        var other => throw WrongType(name, other, "bool"),
    };

    public DateTimeOffset? GetDateTimeOffset(string name) => Get(name) switch
    {
        null => null,
        DateTimeOffset d => d,
        string s when TableEntityJson.TryParseDateTime(s, out var parsed) => parsed,
        var other => throw WrongType(name, other, "DateTime"),
    };

    public Guid? GetGuid(string name) => Get(name) switch
    {
        null => null,
        Guid g => g,
        string s when Guid.TryParse(s, out var parsed) => parsed,
        var other => throw WrongType(name, other, "Guid"),
    };

    public byte[]? GetBinary(string name) => Get(name) switch
    {
        null => null,
        byte[] b => b,
        var other => throw WrongType(name, other, "binary"),
    };

    internal static TableEntity FromWire(string partitionKey, string rowKey) => new(partitionKey, rowKey, fromWire: true);

    /// <summary>Stores an already-typed value read from the wire, skipping validation of known-good data.</summary>
    internal void SetFromWire(string name, object value) => _properties[name] = value;

    private object? Get(string name) => _properties.GetValueOrDefault(name);

    private static void ValidatePropertyName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
        {
            throw new ArgumentException($"'{name}' is a system property; use the entity's own member.", nameof(name));
        }

        if (name.Length > 255 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{name}' is not a property name: use up to 255 letters, digits or '_', not starting with a digit.", nameof(name));
        }
    }

    private static object Normalize(object value, string name) => value switch
    {
        string s when s.Length > TableEntityJson.MaxStringLength =>
            throw new ArgumentException($"Property '{name}' is longer than {TableEntityJson.MaxStringLength} characters.", nameof(value)),
        byte[] b when b.Length > TableEntityJson.MaxBinaryLength =>
            throw new ArgumentException($"Property '{name}' is larger than {TableEntityJson.MaxBinaryLength} bytes.", nameof(value)),
        string or int or long or double or bool or Guid or byte[] => value,
        DateTimeOffset d => TableEntityJson.CheckDateRange(d.ToUniversalTime(), name),
        DateTime d => TableEntityJson.CheckDateRange(TableEntityJson.ToUtcOffset(d), name),
        _ => throw new ArgumentException(
            $"Property '{name}' has type {value.GetType().Name}; use string, int, long, double, bool, DateTimeOffset, Guid or byte[].", nameof(value)),
    };

    private static InvalidOperationException WrongType(string name, object value, string wanted) =>
        new($"Property '{name}' holds a {value.GetType().Name}, not a {wanted}.");
}
