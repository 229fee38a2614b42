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
            var days = RotationSimulation.Simulate(phone, categories, 30);

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
            var ids = RotationSimulation.Simulate(phone, [category], 30).Select(d => d.Prompt.Id).ToList();

            Assert.Equal(poolSize, ids.Take(poolSize).Distinct().Count());
            Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        }
    }

    /// <summary>Prints the 30 days behind docs/sample-30-days.md (run with detailed console logging to see it).</summary>
    [Fact]
    public void Pick_SampleSubscriberAllCategories_ThirtyDistinctDaysWithVariedCategories()
    {
        var days = RotationSimulation.Simulate(PhoneNumber.FromE164("+15555550100"), [], 30);

        output.WriteLine(Render(days));

        Assert.Equal(30, days.Select(d => d.Prompt.Id).Distinct().Count());
        Assert.Equal(30, days.Select(d => d.Prompt.Text).Distinct(StringComparer.Ordinal).Count());
        Assert.True(days.Select(d => d.Prompt.Category).Distinct().Count() >= 6, "a month should touch most categories");
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
