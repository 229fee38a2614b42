using Reminders.Core.Prompts;

namespace Reminders.Tests.Prompts;

/// <summary>
/// Each test breaks exactly one rule in an otherwise valid sample library and expects exactly that problem,
/// so the library test (<see cref="BuiltInPromptLibraryTests"/>) is known to fail when the shipped file breaks it.
/// </summary>
public sealed class BuiltInLibraryRulesTests
{
    [Fact]
    public void Check_ValidSample_NoProblems()
    {
        Assert.Empty(BuiltInLibraryRules.Check(SamplePrompts.ValidLibrary()));
    }

    [Fact]
    public void Check_DuplicateId_Reported()
    {
        var library = SamplePrompts.ValidLibrary();
        library[3] = library[3] with { Id = library[2].Id };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal((library[2].Id, "id"), (problem.PromptId, problem.Field));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("why")]
    public void Check_BodyOverOneSegment_Reported(string field)
    {
        var library = SamplePrompts.ValidLibrary();
        var prompt = library[5];
        var longBody = prompt.Text + " " + new string('q', 160 - prompt.Text.Length);
        library[5] = field == "text" ? prompt with { Text = longBody } : prompt with { Why = longBody };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal((prompt.Id, field), (problem.PromptId, problem.Field));
        Assert.Contains("one segment", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TextThatFillsOneSegmentAsANudgeWithTheLongestName_Accepted()
    {
        var library = SamplePrompts.ValidLibrary();
        var prompt = library[5];
        library[5] = prompt with { Text = prompt.Text + " " + new string('q', BuiltInLibraryRules.MaxTextLength - 1 - prompt.Text.Length) };

        Assert.Equal(119, BuiltInLibraryRules.MaxTextLength); // 160 - "{20 characters}: " - " Reply STOP to end."
        Assert.Equal(160, NudgeFormat.Longest(BuiltInLibraryRules.LongestProgramName, library[5].Text).Length);
        Assert.Empty(BuiltInLibraryRules.Check(library));
    }

    [Fact]
    public void Check_TextOneCharacterTooLongForTheNudge_Refused()
    {
        var library = SamplePrompts.ValidLibrary();
        var prompt = library[5];
        library[5] = prompt with { Text = prompt.Text + " " + new string('q', BuiltInLibraryRules.MaxTextLength - prompt.Text.Length) };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));
        Assert.Equal((prompt.Id, "text"), (problem.PromptId, problem.Field));
    }

    [Fact]
    public void Check_WhyOfExactly160Gsm7Characters_Accepted()
    {
        var library = SamplePrompts.ValidLibrary();
        var prompt = library[5];
        library[5] = prompt with { Why = prompt.Why + " " + new string('q', 159 - prompt.Why.Length) };

        Assert.Equal(160, library[5].Why.Length);
        Assert.Empty(BuiltInLibraryRules.Check(library));
    }

    [Theory]
    [InlineData("family")]
    [InlineData("partner")]
    [InlineData("friends")]
    public void Check_PetsPromptNotForPetOwnersOrAnyone_Refused(string audience)
    {
        var library = SamplePrompts.ValidLibrary();
        var index = library.FindIndex(p => p.Category == "pets");
        library[index] = library[index] with { Audience = audience };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));
        Assert.Equal("audience", problem.Field);
    }

    [Theory]
    [InlineData("text", "\u2019")] // curly apostrophe
    [InlineData("text", "\u201C")] // curly quote
    [InlineData("text", "\u2013")] // en dash
    [InlineData("why", "\u2014")] // em dash
    [InlineData("why", "\u2026")] // ellipsis
    [InlineData("why", "`")]
    [InlineData("text", "\U0001F60A")] // emoji
    public void Check_BodyOutsideGsm7_Reported(string field, string character)
    {
        var library = SamplePrompts.ValidLibrary();
        var prompt = library[7];
        library[7] = field == "text" ? prompt with { Text = prompt.Text + character } : prompt with { Why = prompt.Why + character };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal((prompt.Id, field), (problem.PromptId, problem.Field));
        Assert.Contains(character, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnknownCategory_Reported()
    {
        var library = SamplePrompts.ValidLibrary();
        library.Add(SamplePrompts.Make("romance", 200));

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal(("romance-sample-200", "category"), (problem.PromptId, problem.Field));
    }

    [Fact]
    public void Check_UnknownAudience_Reported()
    {
        var library = SamplePrompts.ValidLibrary();
        library[0] = library[0] with { Audience = "coworkers" };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal((library[0].Id, "audience"), (problem.PromptId, problem.Field));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("text")]
    [InlineData("category")]
    [InlineData("audience")]
    [InlineData("why")]
    [InlineData("source")]
    public void Check_EmptyField_Reported(string field)
    {
        var library = SamplePrompts.ValidLibrary();
        var prompt = library[10];
        library[10] = field switch
        {
            "id" => prompt with { Id = "" },
            "text" => prompt with { Text = "" },
            "category" => prompt with { Category = "" },
            "audience" => prompt with { Audience = "" },
            "why" => prompt with { Why = " " },
            _ => prompt with { Source = "" },
        };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal(field, problem.Field);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("004_0000000000000000.txt")]
    [InlineData("000_3B2466002014437C.txt")]
    public void Check_SourceNotASeedFile_Reported(string source)
    {
        var library = SamplePrompts.ValidLibrary();
        library[12] = library[12] with { Source = source };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal((library[12].Id, "source"), (problem.PromptId, problem.Field));
    }

    [Fact]
    public void Check_TrailingWhiteSpace_Reported()
    {
        var library = SamplePrompts.ValidLibrary();
        library[1] = library[1] with { Text = library[1].Text + " " };

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal((library[1].Id, "text"), (problem.PromptId, problem.Field));
    }

    [Fact]
    public void Check_CategoryWithSevenPrompts_Reported()
    {
        var library = SamplePrompts.ValidLibrary();
        library.RemoveAll(p => p.Id is "pets-sample-45" or "pets-sample-46");

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal((null, "category"), (problem.PromptId, problem.Field));
        Assert.Contains("pets has 7", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NearDuplicateTexts_Reported()
    {
        var library = SamplePrompts.ValidLibrary();
        library.Add(new Prompt(
            "touch-hug-twenty", "Hug someone you love today and hold it for a slow count of twenty.", "touch", "anyone", "Why.", PromptSources.SeedFiles[1]));
        library.Add(new Prompt(
            "self-hug-twenty", "Hug someone you love and stay in it for a slow count of twenty.", "self", "anyone", "Why.", PromptSources.SeedFiles[1]));

        var problem = Assert.Single(BuiltInLibraryRules.Check(library));

        Assert.Equal(("touch-hug-twenty", "text"), (problem.PromptId, problem.Field));
        Assert.Contains("self-hug-twenty", problem.Message, StringComparison.Ordinal);
    }
}
