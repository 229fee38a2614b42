using Reminders.Core.Prompts;

namespace Reminders.Tests.Prompts;

public sealed class PromptValidatorTests
{
    private static readonly Prompt Valid = new(
        "touch-long-hug",
        "Hug someone you love and hold it for a slow count of twenty.",
        "touch",
        "anyone",
        "Longer hugs are linked with oxytocin.",
        PromptSources.Admin);

    [Fact]
    public void Validate_ValidPrompt_NoErrorsOrWarnings()
    {
        var result = PromptValidator.Validate(Valid);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Touch-hug")]
    [InlineData("touch_hug")]
    [InlineData("touch hug")]
    [InlineData("-touch")]
    [InlineData("touch-")]
    [InlineData("touch--hug")]
    [InlineData("touch-hug\n")]
    [InlineData("tóuch")]
    public void Validate_IdNotASlug_IdError(string id)
    {
        var result = PromptValidator.Validate(Valid with { Id = id });

        Assert.False(result.IsValid);
        Assert.Equal(["id"], result.Errors.Keys);
    }

    [Fact]
    public void Validate_IdOfSixtyOneCharacters_IdError()
    {
        var atLimit = PromptValidator.Validate(Valid with { Id = new string('a', 60) });
        var overLimit = PromptValidator.Validate(Valid with { Id = new string('a', 61) });

        Assert.True(atLimit.IsValid);
        Assert.Equal(["id"], overLimit.Errors.Keys);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("why")]
    public void Validate_BodyOfTwoSegments_WarningOnly(string field)
    {
        var body = new string('a', 161);

        var result = PromptValidator.Validate(field == "text" ? Valid with { Text = body } : Valid with { Why = body });

        Assert.True(result.IsValid);
        Assert.Equal([field], result.Warnings.Keys);
        Assert.Contains("2 SMS segments", Assert.Single(result.Warnings[field]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("why")]
    public void Validate_BodyOfThreeSegments_Error(string field)
    {
        var body = new string('a', (153 * 2) + 1);

        var result = PromptValidator.Validate(field == "text" ? Valid with { Text = body } : Valid with { Why = body });

        Assert.Equal([field], result.Errors.Keys);
    }

    [Theory]
    [InlineData("Hug someone you love \u2019til they laugh.", "\u2019")]
    [InlineData("Hug someone you love \u2014 twenty seconds.", "\u2014")]
    [InlineData("Hug someone you love\u2026", "\u2026")]
    [InlineData("Hug someone you love \U0001F917", "\U0001F917")]
    public void Validate_TextOutsideGsm7_WarningNamesTheCharacter(string text, string culprit)
    {
        var result = PromptValidator.Validate(Valid with { Text = text });

        Assert.True(result.IsValid);
        Assert.EndsWith(culprit, Assert.Single(result.Warnings["text"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text", "Hug someone\u0007 you love.")]
    [InlineData("text", "Hug someone\r\nyou love.")]
    [InlineData("text", "Hug\tsomeone you love.")]
    [InlineData("text", "Hug someone you love.\u001b[2J")]
    [InlineData("why", "Longer hugs\u0000 are linked with oxytocin.")]
    [InlineData("why", "Longer hugs are linked\u0085 with oxytocin.")]
    public void Validate_ControlCharacter_ErrorOnThatField(string field, string body)
    {
        var prompt = field == "text" ? Valid with { Text = body } : Valid with { Why = body };

        var result = PromptValidator.Validate(prompt);

        Assert.False(result.IsValid);
        Assert.Contains(field, result.Errors.Keys);
    }

    [Fact]
    public void Validate_Newline_Allowed()
    {
        var result = PromptValidator.Validate(Valid with { Text = "Hug someone you love.\nHold it for twenty." });

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Validate_EmptyTextOrWhy_RequiredError(string? body)
    {
        var result = PromptValidator.Validate(Valid with { Text = body!, Why = body! });

        Assert.Equal(["text", "why"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("romance")]
    [InlineData("Touch")]
    [InlineData("")]
    public void Validate_UnknownCategory_CategoryError(string category)
    {
        var result = PromptValidator.Validate(Valid with { Category = category });

        Assert.Equal(["category"], result.Errors.Keys);
    }

    [Theory]
    [InlineData("coworkers")]
    [InlineData("Partner")]
    [InlineData("")]
    public void Validate_UnknownAudience_AudienceError(string audience)
    {
        var result = PromptValidator.Validate(Valid with { Audience = audience });

        Assert.Equal(["audience"], result.Errors.Keys);
    }

    [Fact]
    public void Validate_AllFieldsNull_ReportsEachFieldWithoutThrowing()
    {
        var result = PromptValidator.Validate(new Prompt(null!, null!, null!, null!, null!, null!));

        Assert.Equal(["audience", "category", "id", "text", "why"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
