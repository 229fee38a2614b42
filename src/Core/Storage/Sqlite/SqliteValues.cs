using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>Conversions between domain values and SQLite columns, in one place so every table stores them alike.</summary>
internal static class SqliteValues
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string ContinuationPrefix = "after:";

    /// <summary>Adds a parameter, mapping null to SQL NULL.</summary>
    public static void Add(this SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    /// <summary>An instant as UTC ticks: exact to 100 ns and ordered like the instants.</summary>
    public static long ToTicks(DateTimeOffset instant) => instant.UtcTicks;

    public static long? ToTicks(DateTimeOffset? instant) => instant?.UtcTicks;

    public static DateTimeOffset ToInstant(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    public static string ToText(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string? ToText(DateOnly? date) => date is { } value ? ToText(value) : null;

    public static DateOnly ToDate(string text) => DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    public static string ToJson(IReadOnlyList<string> values) =>
        JsonSerializer.Serialize([.. values], SqliteJsonContext.Default.StringArray);

    public static string[] FromJson(string json) =>
        JsonSerializer.Deserialize(json, SqliteJsonContext.Default.StringArray) ?? [];

    /// <summary>A fresh opaque version tag. Random, so a tag from before a delete never matches a re-created row.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateOnly? GetNullableDate(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ToDate(reader.GetString(ordinal));

    public static DateTimeOffset GetInstant(this SqliteDataReader reader, int ordinal) => ToInstant(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableInstant(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ToInstant(reader.GetInt64(ordinal));

    /// <summary>An opaque token that resumes a phone-ordered listing after <paramref name="lastPhone"/>.</summary>
    public static string ToContinuationToken(string lastPhone) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(ContinuationPrefix + lastPhone));

    /// <summary>The phone a token resumes after; throws <see cref="ArgumentException"/> for a token this store did not make.</summary>
    public static string FromContinuationToken(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), ex);
        }

        if (!text.StartsWith(ContinuationPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token));
        }

        return text[ContinuationPrefix.Length..];
    }
}
