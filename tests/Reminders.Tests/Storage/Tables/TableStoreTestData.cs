using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage.Tables;

internal static class TableStoreTestData
{
    public static readonly DateTimeOffset Created = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    public static Subscriber Subscriber(string phone, SubscriberStatus status = SubscriberStatus.Active) =>
        new(
            PhoneNumber.FromE164(phone),
            status,
            "America/New_York",
            new TimeOnly(8, 30),
            ["touch", "words"],
            "Sam",
            ["hug-20s", "eye-contact"],
            status == SubscriberStatus.Paused ? new DateOnly(2026, 3, 9) : null,
            new DateTimeOffset(2026, 3, 2, 13, 30, 0, TimeSpan.Zero),
            new DateOnly(2026, 3, 1),
            Created,
            Created.AddMinutes(5))
        {
            ConfirmationSentOn = new DateOnly(2026, 3, 1),
            ConsecutivePermanentFailures = 1,
            DoneCount = 3,
            Household = Household.Children,
            NudgesSent = 8,
        };
}
