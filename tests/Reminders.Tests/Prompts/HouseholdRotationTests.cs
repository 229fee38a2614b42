using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Prompts;

/// <summary>
/// Rotation over the shipped library honours the household: a subscriber with no partner, no children and no pets
/// never gets a prompt that assumes one, day after day. Also renders <c>docs/sample-30-days.md</c>.
/// </summary>
public sealed partial class HouseholdRotationTests
{
    public static TheoryData<string> CategoryChoices =>
    [
        "",
        "touch",
        "pets",
        "family",
        "touch,words,presence",
        "touch,words,presence,kindness,play,pets,family,self",
    ];

    [Theory]
    [MemberData(nameof(CategoryChoices))]
    public void Pick_SixtyDaysForSomeoneWithNobody_NeverAssumesAPartnerChildOrPet(string categoryList)
    {
        var categories = categoryList.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var phone in Enumerable.Range(0, 8).Select(i => PhoneNumber.FromE164($"+1555555{i:D4}")))
        {
            var days = RotationSimulation.Simulate(phone, categories, 60, Household.None);

            Assert.Equal(60, days.Count);
            Assert.All(days, d =>
            {
                Assert.DoesNotContain(d.Prompt.Audience, new[] { PromptAudiences.Partner, PromptAudiences.Children, PromptAudiences.Pets });
                Assert.False(d.Prompt.Category == "pets" && d.Prompt.Audience != PromptAudiences.Anyone, d.Prompt.Id);
                Assert.False(AssumesSomeone().IsMatch(d.Prompt.Text), $"{d.Prompt.Id} assumes someone: {d.Prompt.Text}");
            });
        }
    }

    [Fact]
    public void Library_EveryTextThatNamesAPartnerChildOrOwnPet_IsTaggedForThem()
    {
        var untagged = BuiltInPromptLibrary.All
            .Where(p => PromptAudiences.Needs(p) == Household.None && AssumesSomeone().IsMatch(p.Text))
            .Select(p => $"{p.Id} ({p.Audience}): {p.Text}")
            .ToList();

        Assert.Empty(untagged);
    }

    [Fact]
    public void Pick_SixtyDaysForSomeoneWithEveryone_GetsPartnerChildAndPetPrompts()
    {
        var days = RotationSimulation.Simulate(PhoneNumber.FromE164("+15555550100"), [], 60, RotationSimulation.Everyone);

        Assert.Contains(days, d => d.Prompt.Audience == PromptAudiences.Partner);
        Assert.Contains(days, d => d.Prompt.Audience == PromptAudiences.Children);
        Assert.Contains(days, d => d.Prompt.Audience == PromptAudiences.Pets);
        Assert.Equal(30, days.Take(30).Select(d => d.Prompt.Id).Distinct().Count());
    }

    /// <summary>
    /// docs/sample-30-days.md shows what two subscribers read: both chose all categories, one has a partner, children
    /// and pets, the other none of them. Set REMINDERS_WRITE_SAMPLES=1 to rewrite the tables after a library change.
    /// </summary>
    [Fact]
    public void SampleDoc_TwoSubscribers_MatchesTheRotation()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "docs", "sample-30-days.md");
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var everyone = Render(RotationSimulation.Simulate(PhoneNumber.FromE164("+15555550100"), [], 30, RotationSimulation.Everyone), 0);
        var nobody = Render(RotationSimulation.Simulate(PhoneNumber.FromE164("+15555550101"), [], 30, Household.None), 0);

        if (Environment.GetEnvironmentVariable("REMINDERS_WRITE_SAMPLES") == "1")
        {
            doc = ReplaceTable(ReplaceTable(doc, "everyone", everyone), "nobody", nobody);
            File.WriteAllText(path, doc);
        }

        Assert.Contains(everyone, doc, StringComparison.Ordinal);
        Assert.Contains(nobody, doc, StringComparison.Ordinal);
    }

    private static string ReplaceTable(string doc, string name, string table)
    {
        var start = $"<!-- table:{name} -->\n";
        var end = $"<!-- /table:{name} -->";
        var from = doc.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var to = doc.IndexOf(end, StringComparison.Ordinal);
        return doc[..from] + table + doc[to..];
    }

    /// <summary>The nudge as sent (program name, and the STOP reminder on day 1 and every 7th after it).</summary>
    private static string Render(List<(DateOnly Date, Prompt Prompt)> days, int sentBefore)
    {
        var text = new StringBuilder();
        text.Append("| Day | Date | Category | The morning text, as sent | The reply to WHY | Id |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var (day, (date, prompt)) in days.Index())
        {
            var nudge = NudgeFormat.Render(NudgeFormat.DefaultProgramName, prompt.Text, sentBefore + day);
            text.Append(CultureInfo.InvariantCulture, $"| {day + 1} | {date:ddd d MMM} | {prompt.Category} | {nudge} | {prompt.Why} | `{prompt.Id}` |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Words that take a partner, a child or one's own pet for granted. "Your pet or one you pass" offers a way in, and
    /// "as kids" is about one's own childhood, so neither counts.
    /// </summary>
    [GeneratedRegex(@"\b(your partner|partner's|a child|your child|children|(?<!as )kids?\b|your pet\b(?! or)|your cat|your dog|with a cat|pet walk)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AssumesSomeone();
}
