using Reminders.Core.Prompts;

namespace Reminders.Tests.Prompts;

/// <summary>
/// The second content pass (issue 15): touch is offered, not imposed; why-lines claim no more than their seed; a
/// birth-day prompt that can hurt adoptees and bereaved people is gone; practices the seeds describe have prompts.
/// </summary>
public sealed class ContentPassTests
{
    private static Prompt Get(string id) => BuiltInPromptLibrary.All.Single(p => p.Id == id);

    [Theory]
    [InlineData("touch-family-hug-hello")]
    [InlineData("touch-hand-on-back")]
    [InlineData("touch-goodbye-at-door")]
    [InlineData("touch-let-them-let-go")]
    [InlineData("touch-long-hug")]
    public void TouchPrompt_OffersRatherThanImposes(string id)
    {
        var text = Get(id).Text;

        Assert.True(
            text.Contains("offer", StringComparison.OrdinalIgnoreCase) || text.Contains("if that is welcome", StringComparison.OrdinalIgnoreCase),
            $"{id}: {text}");
    }

    [Fact]
    public void LongHug_SaysAFewExtraSecondsAsTheSeedDoes()
    {
        var hug = Get("touch-long-hug");

        Assert.DoesNotContain("twenty", hug.Text + hug.Why, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("few extra seconds", hug.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void DayYouWereBorn_NoLongerAsksAboutABirth()
    {
        Assert.DoesNotContain("born", Get("family-day-you-were-born").Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("kindness-offer-seat")]
    [InlineData("pets-tell-about-day")]
    [InlineData("words-i-noticed")]
    [InlineData("self-good-stranger")]
    [InlineData("self-hand-lotion")]
    [InlineData("self-friend-voice")]
    [InlineData("pets-child-gentle")]
    public void FlaggedWhyLine_IsHedgedAsOneArticlesClaim(string id)
    {
        Assert.StartsWith("One article", Get(id).Why, StringComparison.Ordinal);
    }

    [Fact]
    public void OneWayClaims_KeepTheSeedsDirection()
    {
        // The seed: oxytocin helps us see others in a better light, not the other way round.
        Assert.Contains("oxytocin", Get("words-i-noticed").Why, StringComparison.Ordinal);
        Assert.Contains("see others in a better light", Get("words-i-noticed").Why, StringComparison.Ordinal);
        Assert.DoesNotContain("feeds", Get("self-good-stranger").Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("self-safe-face-before-stress")]
    [InlineData("self-loved-one-while-waiting")]
    [InlineData("presence-repair-with-partner")]
    [InlineData("words-soften-a-tense-moment")]
    [InlineData("presence-catch-up-after-apart")]
    [InlineData("words-reconnect-old-friend")]
    [InlineData("presence-smile-eye-contact")]
    [InlineData("kindness-smile-at-passerby")]
    [InlineData("self-say-yes-to-a-rub")]
    [InlineData("self-let-a-friend-support")]
    [InlineData("kindness-check-quiet-friend")]
    [InlineData("presence-sit-with-quiet-one")]
    [InlineData("touch-lingering-kiss")]
    public void MissingPractice_HasAPrompt(string id)
    {
        Assert.True(BuiltInLibraryRules.CheckPrompt(Get(id)).ToList() is [], id);
    }

    [Fact]
    public void Library_HasAtLeast133Prompts()
    {
        Assert.True(BuiltInPromptLibrary.All.Count >= 121 + 12, $"{BuiltInPromptLibrary.All.Count} prompts");
    }
}
