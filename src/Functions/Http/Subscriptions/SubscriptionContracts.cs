using System.Globalization;
using Reminders.Core.Sms;
using Reminders.Core.Subscribers;

namespace Reminders.Functions.Http.Subscriptions;

/// <summary>Body of <c>POST /api/subscriptions</c>. <c>household</c> lists who is in the subscriber's life: partner, children, pets.</summary>
public sealed record SignupBody(
    string? Phone, string? TimeZone, string? SendAt, IReadOnlyList<string>? Categories, string? Name, IReadOnlyList<string>? Household = null)
{
    /// <summary>The request for <see cref="SubscriptionService.SignUpAsync"/>.</summary>
    public SignupRequest ToRequest(string? clientAddress) => new(Phone, TimeZone, SendAt, Categories, Name, clientAddress, Household);
}

/// <summary>Body of <c>PATCH /api/subscriptions/{phone}</c>; absent fields stay as they are.</summary>
public sealed record SubscriptionPatchBody(
    string? SendAt,
    string? TimeZone,
    IReadOnlyList<string>? Categories,
    string? Status,
    string? PausedUntil,
    string? Name,
    IReadOnlyList<string>? Household = null)
{
    /// <summary>The changes for <see cref="SubscriptionService.UpdateAsync"/>.</summary>
    public SubscriptionChanges ToChanges() => new(SendAt, TimeZone, Categories, Status, PausedUntil, Name, Household);
}

/// <summary>
/// What the public signup answers, whatever the number's state (so it reveals nothing). <c>confirmationAt</c> is set
/// when the confirmation text is held for quiet hours in the signup's zone: it goes out then.
/// </summary>
public sealed record SignupAccepted(string Status, string Message, DateTimeOffset? ConfirmationAt = null)
{
    /// <summary>The answer to an accepted signup: at once, or when the held confirmation goes out.</summary>
    public static SignupAccepted For(SignupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ConfirmationHeldUntil is not { } at || result.TimeZoneId is null)
        {
            return new SignupAccepted("pending", "If this number can receive texts, a confirmation text is on its way. Reply YES to it to start.");
        }

        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(result.TimeZoneId));
        var when = local.ToString("dddd MMMM d 'at' h:mm tt", CultureInfo.InvariantCulture);
        return new SignupAccepted(
            "pending",
            $"We don't text at night. If this number can receive texts, the confirmation text comes {when} ({result.TimeZoneId} time). Reply YES to it to start.",
            at);
    }
}

/// <summary>A subscriber as admins see it.</summary>
public sealed record SubscriberView(
    string Phone,
    string Status,
    string TimeZone,
    string SendAt,
    IReadOnlyList<string> Categories,
    string? Name,
    IReadOnlyList<string> Household,
    string? PausedUntil,
    DateTimeOffset? NextDueUtc,
    string? LastSentLocalDate,
    IReadOnlyList<string> RecentPromptIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static SubscriberView From(Subscriber s) => new(
        s.Phone.Value,
        s.Status.ToString().ToLowerInvariant(),
        s.TimeZoneId,
        s.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture),
        s.Categories,
        s.Name,
        HouseholdNames.Names(s.Household),
        s.PausedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        s.NextDueUtc,
        s.LastSentLocalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        s.RecentPromptIds,
        s.CreatedAt,
        s.UpdatedAt);
}

/// <summary>A page of subscribers.</summary>
public sealed record SubscriberPage(IReadOnlyList<SubscriberView> Items, string? ContinuationToken);

/// <summary>One outbound text.</summary>
public sealed record MessageView(DateTimeOffset At, string Kind, string Body, string Gateway, string Outcome, string? MessageId)
{
    public static MessageView From(OutboundMessage m) =>
        new(m.At, m.Kind, m.Body, m.Gateway, m.Outcome.ToString().ToLowerInvariant(), m.MessageId);
}
