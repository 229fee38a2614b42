using Reminders.Core.Prompts;

namespace Reminders.Tests.Prompts;

public sealed class PromptSimilarityTests
{
    [Fact]
    public void ContentWords_Sentence_LowerCasedWithoutStopWordsPossessivesOrPlurals()
    {
        var words = PromptSimilarity.ContentWords("Hold your partner's hand for two MINUTES today.");

        Assert.Equal(["hand", "hold", "minute", "partner", "two"], words.Order(StringComparer.Ordinal));
    }

    [Theory]
    // Same prompt with a word or two swapped or reordered (Jaccard 0.82 and 0.55).
    [InlineData("Give a friend a high five, fist bump or pat on the shoulder the next time you see them.",
        "Next time you see a friend, give them a high five or a fist bump.")]
    [InlineData("Hug someone you love today and stay in it for a slow count of twenty. Let your shoulders drop before you let go.",
        "Hug someone you love and hold it for a slow count of twenty.")]
    // A short paraphrase inside a longer prompt: Jaccard 0.44 misses it, containment 0.8 catches it.
    [InlineData("Tell your partner one specific thing they did this week that made your life easier.",
        "Tell your partner one thing they did this week that you are grateful for.")]
    public void AreNearDuplicates_RewordedCopy_True(string first, string second)
    {
        Assert.True(PromptSimilarity.AreNearDuplicates(first, second));
        Assert.True(PromptSimilarity.AreNearDuplicates(second, first));
    }

    [Theory]
    // The closest pair in the shipped library: same verb and audience, different habit.
    [InlineData("Send a friend a song that reminds you of them, with one line about why.",
        "Send a friend a photo of your pet with one line about something funny it did today.")]
    [InlineData("Ask an older relative for one short story about when they were your age.",
        "Ask a parent or relative what they remember about the day you were born, or the day they first met you.")]
    public void AreNearDuplicates_DifferentHabitsSharingTopicWords_False(string first, string second)
    {
        Assert.False(PromptSimilarity.AreNearDuplicates(first, second));
    }

    [Fact]
    public void AreNearDuplicates_ShortTextsUnderContainmentMinimum_JudgedByJaccardOnly()
    {
        // "hug" and "friend" are both inside the longer text (containment 1.0), but two words are too few to judge.
        Assert.False(PromptSimilarity.AreNearDuplicates("Hug a friend.", "Hug a friend who has been there for you through a hard month at work."));
    }

    [Fact]
    public void Jaccard_HalfTheWordsShared_OneThird()
    {
        var a = PromptSimilarity.ContentWords("apple banana");
        var b = PromptSimilarity.ContentWords("banana cherry");

        Assert.Equal(1.0 / 3, PromptSimilarity.Jaccard(a, b), 6);
        Assert.Equal(0.5, PromptSimilarity.Containment(a, b), 6);
    }
}
