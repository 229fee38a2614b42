namespace Reminders.Core.Subscribers;

/// <summary>A signup as received from a client; every field is checked by <see cref="SubscriptionService"/>.</summary>
public sealed record SignupRequest(
    string? Phone,
    string? TimeZone,
    string? SendAt,
    IReadOnlyList<string>? Categories,
    string? Name,
    string? ClientAddress,
    IReadOnlyList<string>? Household = null);

/// <summary>An admin change; null fields stay as they are.</summary>
public sealed record SubscriptionChanges(
    string? SendAt,
    string? TimeZone,
    IReadOnlyList<string>? Categories,
    string? Status,
    string? PausedUntil,
    string? Name,
    IReadOnlyList<string>? Household = null);

/// <summary>What a signup did. The public API answers the same way for every outcome but <see cref="Invalid"/>.</summary>
public enum SignupOutcome
{
    Invalid,
    Created,
    ConfirmationResent,
    AlreadyPending,
    AlreadySubscribed,
    Stopped,
}

/// <summary>The outcome of <see cref="SubscriptionService.SignUpAsync"/>.</summary>
public sealed record SignupResult(SignupOutcome Outcome, Subscriber? Subscriber, FieldErrors Errors)
{
    /// <summary>
    /// When a signup made now would get its confirmation text: null when it goes out at once, else the start of the next
    /// sending window in the signup's zone. It depends only on the request, so the public answer reveals nothing.
    /// </summary>
    public DateTimeOffset? ConfirmationHeldUntil { get; init; }

    /// <summary>The signup's zone, for saying when a held confirmation goes out.</summary>
    public string? TimeZoneId { get; init; }
}

/// <summary>The outcome of an admin update: not found (null subscriber, no errors), invalid, or the stored result.</summary>
public sealed record UpdateResult(Storage.Stored<Subscriber>? Subscriber, FieldErrors Errors)
{
    public bool NotFound => Subscriber is null && Errors.Count == 0;
}
