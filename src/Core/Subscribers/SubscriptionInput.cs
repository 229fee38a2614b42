using System.Globalization;
using Reminders.Core.Prompts;
using Reminders.Core.Scheduling;

namespace Reminders.Core.Subscribers;

/// <summary>Parses and checks the fields a client may send about a subscription; each method adds to <see cref="FieldErrors"/>.</summary>
public static class SubscriptionInput
{
    public const int MaxNameLength = 40;

    /// <summary>Parses a phone number for a public signup: valid E.164 and in an allowed country.</summary>
    public static PhoneNumber? Phone(string? value, SignupOptions signup, FieldErrors errors, string field = "phone")
    {
        ArgumentNullException.ThrowIfNull(signup);
        ArgumentNullException.ThrowIfNull(errors);
        if (!PhoneNumber.TryParse(value, signup.DefaultCountryCode, out var phone, out var error))
        {
            errors.Add(field, error);
            return null;
        }

        if (!signup.IsAllowed(phone))
        {
            errors.Add(field, $"Signups are open to country codes {string.Join(", ", signup.EffectiveCountryCodes.Select(c => "+" + c))} only.");
            return null;
        }

        return phone;
    }

    /// <summary>Checks an IANA time zone id such as <c>America/New_York</c>.</summary>
    public static string? TimeZone(string? value, FieldErrors errors, string field = "timeZone")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "A time zone is required, for example America/New_York.");
            return null;
        }

        if (value.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(value, out var zone) || !zone.HasIanaId || zone.Id != value)
        {
            errors.Add(field, $"'{Truncate(value)}' is not a known IANA time zone, for example America/New_York.");
            return null;
        }

        return value;
    }

    /// <summary>Parses a local send time <c>HH:mm</c> (24-hour) that lies inside quiet hours.</summary>
    public static TimeOnly? SendAt(string? value, DeliveryOptions delivery, FieldErrors errors, string field = "sendAt")
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value)
            || !TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add(field, "A send time is required as HH:mm (24-hour), for example 08:30.");
            return null;
        }

        if (!SendSchedule.IsDeliverableSendTime(time, delivery, delivery.ScanInterval))
        {
            errors.Add(field, $"The send time must be between {delivery.QuietHoursStart:HH\\:mm} and {delivery.LatestSendAt:HH\\:mm} local time.");
            return null;
        }

        return time;
    }

    /// <summary>Checks categories against <see cref="PromptCategories.All"/>; null means all.</summary>
    public static IReadOnlyList<string>? Categories(IReadOnlyList<string>? values, FieldErrors errors, string field = "categories")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (values is null)
        {
            return [];
        }

        var unknown = values.Where(c => !PromptCategories.IsKnown(c)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(field, $"Unknown categories: {string.Join(", ", unknown.Select(Truncate))}. Known: {string.Join(", ", PromptCategories.All)}.");
            return null;
        }

        return values.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Parses household words (<c>partner</c>, <c>children</c>, <c>pets</c>); null or empty means nobody.</summary>
    public static Household? Household(IReadOnlyList<string>? values, FieldErrors errors, string field = "household")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var household = Subscribers.Household.None;
        var unknown = new List<string>();
        foreach (var value in values ?? [])
        {
            if (HouseholdNames.Parse(value) is { } flag)
            {
                household |= flag;
            }
            else
            {
                unknown.Add(value is null ? "null" : Truncate(value));
            }
        }

        if (unknown.Count > 0)
        {
            errors.Add(field, $"Unknown household entries: {string.Join(", ", unknown)}. Known: {string.Join(", ", HouseholdNames.All)}.");
            return null;
        }

        return household;
    }

    /// <summary>Checks an optional first name: at most 40 characters, no control characters.</summary>
    public static string? Name(string? value, FieldErrors errors, string field = "name")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            errors.Add(field, $"A name has at most {MaxNameLength} characters and no control characters.");
            return null;
        }

        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>Parses a status word: pending, active, paused or stopped.</summary>
    public static SubscriberStatus? Status(string? value, FieldErrors errors, string field = "status")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && Enum.TryParse<SubscriberStatus>(value, ignoreCase: true, out var status)
            && Enum.IsDefined(status) && !value.Any(char.IsDigit))
        {
            return status;
        }

        errors.Add(field, "Status must be one of pending, active, paused, stopped.");
        return null;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
