using System.Globalization;
using Reminders.Core.Sms;
using Reminders.Core.Subscribers;

namespace Reminders.Functions.Http.Subscriptions;

/// <summary>Body of <c>POST /api/subscriptions</c>.</summary>
public sealed record SignupBody(string? Phone, string? TimeZone, string? SendAt, IReadOnlyList<string>? Categories, string? Name);

/// <summary>Body of <c>PATCH /api/subscriptions/{phone}</c>; absent fields stay as they are.</summary>
public sealed record SubscriptionPatchBody(
    string? SendAt,
    string? TimeZone,
    IReadOnlyList<string>? Categories,
    string? Status,
    string? PausedUntil,
    string? Name);

/// <summary>What the public signup answers, whatever the number's state (so it reveals nothing).</summary>
public sealed record SignupAccepted(string Status, string Message);

/// <summary>A subscriber as admins see it.</summary>
public sealed record SubscriberView(
    string Phone,
    string Status,
    string TimeZone,
    string SendAt,
    IReadOnlyList<string> Categories,
    string? Name,
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
