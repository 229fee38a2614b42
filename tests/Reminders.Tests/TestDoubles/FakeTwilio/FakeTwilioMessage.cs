namespace Reminders.Tests.TestDoubles.FakeTwilio;

/// <summary>A message the fake created, with every form field it received.</summary>
public sealed record FakeTwilioMessage(
    string Sid,
    string To,
    string? From,
    string? MessagingServiceSid,
    string Body,
    string? StatusCallback,
    string? ValidityPeriod,
    string AuthUser,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Form);

/// <summary>One request that reached the create-message route, whatever the answer.</summary>
public sealed record FakeTwilioRequest(
    int Number,
    string Path,
    string? Authorization,
    string? ContentType,
    string? Accept,
    IReadOnlyDictionary<string, string> Form,
    FakeTwilioFault Fault);
