using System.Globalization;
using System.Text;
using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Prompts;

/// <summary>
/// What a subscriber actually reads: 30 consecutive daily picks from the shipped library, each fed back through
/// <see cref="Subscriber.RememberPrompt"/> exactly as the daily send does.
/// </summary>
public sealed class ThirtyDayRotationTests(ITestOutputHelper output)
{
    private static readonly DateOnly FirstDay = new(2026, 1, 5);

    public static TheoryData<string> CategoryChoices =>
    [
        "",
        "touch,words",
        "pets,self",
        "family,kindness,play",
        "presence,self",
        "touch,words,presence,kindness,play,pets,family,self",
    ];

    [Theory]
    [MemberData(nameof(CategoryChoices))]
    public void Pick_ThirtyConsecutiveDays_NeverRepeatsAPrompt(string categoryList)
    {
        var categories = categoryList.Split(',', StringSplitOptions.RemoveEmptyEntries);

        foreach (var phone in Phones())
        {
            var days = Simulate(phone, categories, 30);

            Assert.Equal(30, days.Count);
            Assert.Equal(30, days.Select(d => d.Prompt.Id).Distinct().Count());
            Assert.All(days, d => Assert.True(categories.Length == 0 || categories.Contains(d.Prompt.Category)));
        }
    }

    [Theory]
    [InlineData("touch")]
    [InlineData("pets")]
    public void Pick_OneCategory_NoRepeatUntilThePoolIsUsedUpAndNeverTwoDaysRunning(string category)
    {
        var poolSize = BuiltInPromptLibrary.All.Count(p => p.Category == category);

        foreach (var phone in Phones())
        {
            var ids = Simulate(phone, [category], 30).Select(d => d.Prompt.Id).ToList();

            Assert.Equal(poolSize, ids.Take(poolSize).Distinct().Count());
            Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        }
    }

    /// <summary>Prints the 30 days behind docs/sample-30-days.md (run with detailed console logging to see it).</summary>
    [Fact]
    public void Pick_SampleSubscriberAllCategories_ThirtyDistinctDaysWithVariedCategories()
    {
        var days = Simulate(PhoneNumber.FromE164("+15555550100"), [], 30);

        output.WriteLine(Render(days));

        Assert.Equal(30, days.Select(d => d.Prompt.Id).Distinct().Count());
        Assert.Equal(30, days.Select(d => d.Prompt.Text).Distinct(StringComparer.Ordinal).Count());
        Assert.True(days.Select(d => d.Prompt.Category).Distinct().Count() >= 6, "a month should touch most categories");
    }

    private const Household Everyone = Household.Partner | Household.Children | Household.Pets;

    private static List<(DateOnly Date, Prompt Prompt)> Simulate(
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

    private static IEnumerable<PhoneNumber> Phones() =>
        Enumerable.Range(0, 8).Select(i => PhoneNumber.FromE164($"+1555555{i:D4}"));

    private static string Render(List<(DateOnly Date, Prompt Prompt)> days)
    {
        var text = new StringBuilder();
        text.AppendLine("| Day | Date | Category | The morning text | The reply to WHY | Id |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var (day, (date, prompt)) in days.Index())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {day + 1} | {date:ddd d MMM} | {prompt.Category} | {prompt.Text} | {prompt.Why} | `{prompt.Id}` |");
        }

        return text.ToString();
    }
}
