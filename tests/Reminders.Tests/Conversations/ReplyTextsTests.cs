using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Prompts;

namespace Reminders.Tests.Conversations;

public sealed class ReplyTextsTests
{
    /// <summary>The longest name <see cref="ProgramOptions"/> allows.</summary>
    private const string LongestName = "Tiny Habits For Closer Hearts!";

    private static readonly TimeOnly SendAt = new(19, 30);
    private const string LongestZone = "America/Argentina/ComodRivadavia";

    public static TheoryData<string, Func<ReplyTexts, string>> EveryReply => new()
    {
        { "help", t => t.Help() },
        { "confirmation request", t => t.ConfirmationRequest() },
        { "confirmed", t => t.Confirmed(SendAt, LongestZone) },
        { "text-in welcome", t => t.TextInWelcome(SendAt, LongestZone) },
        { "resubscribed", t => t.Resubscribed(SendAt) },
        { "already subscribed", t => t.AlreadySubscribed(SendAt) },
        { "stop confirmation", t => t.StopConfirmation() },
        { "reply stop", t => t.ReplyStopToUnsubscribe() },
        { "confirm first", t => t.ConfirmFirst() },
        { "not subscribed", t => t.NotSubscribed() },
        { "paused", t => t.Paused(30, new DateOnly(2026, 12, 31)) },
        { "resumed", t => t.Resumed(SendAt) },
        { "not paused", t => t.NotPaused(SendAt) },
        { "time changed", t => t.TimeChanged(SendAt) },
        { "time help", t => t.TimeHelp(new TimeOnly(8, 0), new TimeOnly(20, 0)) },
        { "zone changed", t => t.ZoneChanged(LongestZone, SendAt) },
        { "zone help", t => t.ZoneHelp() },
        { "done", t => t.Done() },
        { "done early", t => t.DoneBeforeNudge() },
        { "why none", t => t.Why(null) },
        { "why", t => t.Why("Warm touch releases oxytocin, which lowers stress for both of you.") },
        { "why long", t => t.Why(new string('w', 400)) },
        { "more", _ => ReplyTexts.More("Ask someone about the best part of their day and just listen.") },
        { "more long", _ => ReplyTexts.More(new string('m', 318)) },
        { "more limit", t => t.MoreLimitReached(2) },
        { "no more", t => t.NoMorePrompts() },
        { "unknown", t => t.Unknown() },
    };

    private static ReplyTexts Texts(string name = LongestName) => new(Options.Create(new ProgramOptions { Name = name }));

    [Theory]
    [MemberData(nameof(EveryReply))]
    public void EveryReply_LongestNameAndValues_IsGsm7AndAtMost320Characters(string scenario, Func<ReplyTexts, string> reply)
    {
        var text = reply(Texts());

        Assert.True(SmsSegmentCounter.IsGsm7(text), $"{scenario}: {text}");
        Assert.InRange(text.Length, 1, ReplyTexts.MaxLength);
        Assert.InRange(SmsSegmentCounter.Count(text).Segments, 1, 3);
    }

    [Fact]
    public void Help_ContainsNameFrequencyContactHouseholdWordsStopAndRates()
    {
        var help = ReplyTexts.For("Closer", "help@closer.example").Help();

        Assert.StartsWith("Closer:", help, StringComparison.Ordinal);
        foreach (var part in new[] { "1 msg/day", "help@closer.example", "PETS", "NO PETS", "KIDS", "PARTNER", "STOP", "Msg&data rates may apply" })
        {
            Assert.Contains(part, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConfirmationRequest_ContainsBrandFrequencyYesHelpStopAndRates()
    {
        var text = Texts("Closer").ConfirmationRequest();

        foreach (var part in new[] { "Closer", "1 msg/day", "Reply YES", "HELP", "STOP", "Msg&data rates may apply" })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StopConfirmation_IsOneSegmentAndPromisesNoMoreTexts()
    {
        var text = Texts().StopConfirmation();

        Assert.Equal(1, SmsSegmentCounter.Count(text).Segments);
        Assert.Contains("no more texts", text, StringComparison.Ordinal);
        Assert.Contains("START", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplyStopToUnsubscribe_SaysReplyStopToUnsubscribe()
    {
        Assert.Contains("Reply STOP to unsubscribe", Texts().ReplyStopToUnsubscribe(), StringComparison.Ordinal);
    }

    [Fact]
    public void TextInWelcome_StatesZoneAndTimeAndHowToChangeThem()
    {
        var text = Texts().TextInWelcome(new TimeOnly(9, 0), "America/New_York");

        foreach (var part in new[] { "9am", "Eastern time", "TIME", "ZONE", "STOP", "HELP", "Msg&data rates may apply" })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1, "Paused for 1 day.")]
    [InlineData(3, "Paused for 3 days.")]
    public void Paused_StatesLengthAndReturnDate(int days, string expected)
    {
        var text = Texts("Closer").Paused(days, new DateOnly(2026, 3, 4));

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains("Wed Mar 4", text, StringComparison.Ordinal);
        Assert.Contains("RESUME", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Why_LongLine_IsCutWithAnEllipsisAtTheLimit()
    {
        var text = Texts().Why(new string('w', 400));

        Assert.Equal(ReplyTexts.MaxLength, text.Length);
        Assert.EndsWith("...", text, StringComparison.Ordinal);
        Assert.StartsWith("Why: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void More_PromptThatFitsWithLabel_IsLabelled()
    {
        Assert.Equal("Bonus: Call a friend.", ReplyTexts.More("Call a friend."));
    }

    [Theory]
    [InlineData(0, 0, "12am")]
    [InlineData(7, 0, "7am")]
    [InlineData(7, 5, "7:05am")]
    [InlineData(12, 0, "12pm")]
    [InlineData(19, 15, "7:15pm")]
    public void Time_FormatsLikeASubscriberWrites(int hour, int minute, string expected)
    {
        Assert.Equal(expected, ReplyTexts.Time(new TimeOnly(hour, minute)));
    }

    [Fact]
    public void Constructor_NameOutsideGsm7_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ReplyTexts.For("Closer’s"));

        Assert.Contains("GSM-7", error.Message, StringComparison.Ordinal);
    }
}
