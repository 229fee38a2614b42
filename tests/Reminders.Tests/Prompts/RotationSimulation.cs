using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Prompts;

/// <summary>Days of the built-in library's rotation for one subscriber, as the daily send would pick them.</summary>
internal static class RotationSimulation
{
    public static readonly DateOnly FirstDay = new(2026, 1, 5);

    public const Household Everyone = Household.Partner | Household.Children | Household.Pets;

    public static List<(DateOnly Date, Prompt Prompt)> Simulate(
        PhoneNumber phone, IReadOnlyList<string> categories, int dayCount, Household household = Everyone)
    {
        var subscriber = new Subscriber(
            phone, SubscriberStatus.Active, "America/New_York", new TimeOnly(8, 0), categories, null, [], null, null, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) { Household = household };
        var days = new List<(DateOnly, Prompt)>();
        for (var day = 0; day < dayCount; day++)
        {
            var date = FirstDay.AddDays(day);
            var prompt = PromptRotation.Pick(BuiltInPromptLibrary.All, subscriber.Categories, subscriber.Household, subscriber.RecentPromptIds, phone, date)
                ?? throw new InvalidOperationException("No prompt for " + string.Join(",", categories));
            subscriber = subscriber.RememberPrompt(prompt.Id);
            days.Add((date, prompt));
        }

        return days;
    }
}
