using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Maps a <see cref="Subscriber"/> to its row (PK phone, RK phone) and back. The row key repeats the phone so that no two
/// rows share it: Azurite looks a row up by its row key first, and a row key every partition shares (the <c>sub</c> of
/// rows written before, see <see cref="TableRowKeyMigration"/>) made each read and write there scan every subscriber.
/// </summary>
internal static class SubscriberEntity
{
    /// <summary>The row key of every subscriber row written before the row key named the phone.</summary>
    public const string LegacyRowKey = "sub";

    public static string RowKeyFor(PhoneNumber phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return phone.Value;
    }

    public static TableEntity ToEntity(Subscriber subscriber)
    {
        var entity = new TableEntity(subscriber.Phone.Value, RowKeyFor(subscriber.Phone))
        {
            ["Status"] = StatusName(subscriber.Status),
            ["TimeZoneId"] = subscriber.TimeZoneId,
            ["SendAt"] = subscriber.SendAt.ToString("O", CultureInfo.InvariantCulture),
            ["Categories"] = JsonSerializer.Serialize(subscriber.Categories),
            ["Name"] = subscriber.Name,
            ["RecentPromptIds"] = JsonSerializer.Serialize(subscriber.RecentPromptIds),
            ["PausedUntil"] = Date(subscriber.PausedUntil),
            ["NextDueUtc"] = subscriber.NextDueUtc,
            ["LastSentLocalDate"] = Date(subscriber.LastSentLocalDate),
            ["CreatedAt"] = subscriber.CreatedAt,
            ["UpdatedAt"] = subscriber.UpdatedAt,
            ["ConfirmationSentOn"] = Date(subscriber.ConfirmationSentOn),
            ["ConsecutivePermanentFailures"] = subscriber.ConsecutivePermanentFailures,
            ["DoneCount"] = subscriber.DoneCount,
            ["Household"] = HouseholdNames.Format(subscriber.Household),
            ["NudgesSent"] = subscriber.NudgesSent,
        };
        return TableWrites.DropNulls(entity);
    }

    public static Subscriber FromEntity(TableEntity entity) =>
        new(
            PhoneNumber.FromE164(entity.PartitionKey),
            ParseStatus(entity.GetString("Status")),
            entity.GetString("TimeZoneId") ?? "UTC",
            TimeOnly.ParseExact(entity.GetString("SendAt") ?? "00:00:00.0000000", "O", CultureInfo.InvariantCulture),
            List(entity.GetString("Categories")),
            entity.GetString("Name"),
            List(entity.GetString("RecentPromptIds")),
            ParseDate(entity.GetString("PausedUntil")),
            entity.GetDateTimeOffset("NextDueUtc"),
            ParseDate(entity.GetString("LastSentLocalDate")),
            entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
        {
            ConfirmationSentOn = ParseDate(entity.GetString("ConfirmationSentOn")),
            ConsecutivePermanentFailures = entity.GetInt32("ConsecutivePermanentFailures") ?? 0,
            DoneCount = entity.GetInt32("DoneCount") ?? 0,
            Household = HouseholdNames.FromStored(entity.GetString("Household")),
            NudgesSent = entity.GetInt32("NudgesSent") ?? 0,
        };

    public static string StatusName(SubscriberStatus status) => status.ToString().ToLowerInvariant();

    private static SubscriberStatus ParseStatus(string? text) =>
        Validation.EnumNames.TryParse<SubscriberStatus>(text, out var status)
            ? status
            : throw new FormatException($"Stored subscriber status '{text}' is unknown.");

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] List(string? json) => json is null ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];
}
