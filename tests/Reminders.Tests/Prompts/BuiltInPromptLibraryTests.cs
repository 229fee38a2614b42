using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reminders.Core.Prompts;

namespace Reminders.Tests.Prompts;

public sealed partial class BuiltInPromptLibraryTests
{
    [Fact]
    public void All_ShippedLibrary_BreaksNoBuiltInRule()
    {
        var problems = BuiltInLibraryRules.Check(BuiltInPromptLibrary.All);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void All_ShippedLibrary_HasAtLeast110Prompts()
    {
        Assert.True(BuiltInPromptLibrary.All.Count >= 110, $"{BuiltInPromptLibrary.All.Count} prompts");
    }

    [Fact]
    public void All_CalledTwice_ReturnsTheCachedInstance()
    {
        Assert.Same(BuiltInPromptLibrary.All, BuiltInPromptLibrary.All);
    }

    [Fact]
    public void All_ShippedLibrary_MostPromptsWorkWithoutAPartner()
    {
        var library = BuiltInPromptLibrary.All;

        var withoutPartner = library.Count(p => p.Audience != "partner");

        // Subscribers without a partner pick categories too: every category keeps at least half its prompts for them.
        Assert.True(withoutPartner >= library.Count * 2 / 3, $"{withoutPartner} of {library.Count}");
        Assert.All(
            library.GroupBy(p => p.Category),
            g => Assert.True(g.Count(p => p.Audience != "partner") * 2 >= g.Count(), $"{g.Key} leans on partner prompts"));
    }

    [Fact]
    public void All_ShippedLibrary_NoWordsThatPreachClaimCuresOrTurnSexual()
    {
        var offenders = BuiltInPromptLibrary.All
            .SelectMany(p => new[] { (p.Id, p.Text), (p.Id, p.Why) })
            .Where(x => DeniedWords().IsMatch(x.Item2))
            .Select(x => $"{x.Item1}: {DeniedWords().Match(x.Item2).Value}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void Parse_ValidEntry_MapsEveryFieldAndEnables()
    {
        var prompts = Parse("""[{"id":"a-b","text":"T","category":"touch","audience":"anyone","why":"W","source":"S"}]""");

        Assert.Equal(new Prompt("a-b", "T", "touch", "anyone", "W", "S", Enabled: true), Assert.Single(prompts));
    }

    [Theory]
    [InlineData("""[{"id":"a","text":"T","category":"touch","audience":"anyone","why":"W"}]""")] // source missing
    [InlineData("""[{"id":"a","text":null,"category":"touch","audience":"anyone","why":"W","source":"S"}]""")]
    [InlineData("""[{"id":"a","text":"T","category":"touch","audience":"anyone","why":"W","source":"S","tone":"x"}]""")]
    [InlineData("null")]
    public void Parse_MissingNullOrUnknownField_Throws(string json)
    {
        Assert.Throws<JsonException>(() => Parse(json));
    }

    private static IReadOnlyList<Prompt> Parse(string json) =>
        BuiltInPromptLibrary.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    // Guilt and pressure ("should", "must"), medical claims, and sexual content have no place in a daily text.
    [GeneratedRegex(
        @"\b(should|must|ought|guilt\w*|cures?|heals?|healing|treatments?|therapy|disease|depress\w*|anxiety|illness|blood pressure|inflamm\w*|symptom\w*|sex\w*|orgasm\w*|nipple\w*|breast\w*|arous\w*)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeniedWords();
}
