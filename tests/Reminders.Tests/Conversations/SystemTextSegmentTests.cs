using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Conversations;

/// <summary>
/// Every system text, rendered with the longest program name (20) and support contact (30) the options allow and the
/// longest values it can carry, is one GSM-7 segment: none is billed twice. So is every nudge with its prefix and suffix.
/// </summary>
public sealed class SystemTextSegmentTests
{
    private static readonly string LongestName = new('N', ProgramOptions.MaxNameLength);
    private static readonly string LongestContact = new string('c', ProgramOptions.MaxSupportContactLength - 12) + "@example.org";
    private static readonly TimeOnly LongestTime = new(12, 30);

    /// <summary>The IANA zone whose id is longest, and the one whose short label is longest.</summary>
    private static readonly string LongestZoneId = IanaZones().MaxBy(id => id.Length)!;
    private static readonly string LongestZoneLabel = IanaZones().MaxBy(id => ReplyTexts.ZoneLabel(id).Length)!;

    public static TheoryData<string> SystemTexts =>
    [
        "confirmation request", "welcome (confirmed)", "welcome (text-in)", "help", "stop confirmation", "start (resubscribed)",
        "start (already subscribed)", "pause", "resume", "not paused", "time changed", "time help", "zone changed", "zone help",
        "ambiguous reply", "household (everyone)", "household (nobody)", "household (one)", "unknown", "confirm first", "not subscribed",
    ];

    [Theory]
    [MemberData(nameof(SystemTexts))]
    public void SystemText_LongestNameContactAndValues_IsOneGsm7Segment(string which)
    {
        var texts = new ReplyTexts(Options.Create(new ProgramOptions { Name = LongestName, SupportContact = LongestContact }));
        var text = which switch
        {
            "confirmation request" => texts.ConfirmationRequest(),
            "welcome (confirmed)" => Longest(zone => texts.Confirmed(LongestTime, zone)),
            "welcome (text-in)" => Longest(zone => texts.TextInWelcome(LongestTime, zone)),
            "help" => texts.Help(),
            "stop confirmation" => texts.StopConfirmation(),
            "start (resubscribed)" => texts.Resubscribed(LongestTime),
            "start (already subscribed)" => texts.AlreadySubscribed(LongestTime),
            "pause" => texts.Paused(InboundCommandParser.MaxPauseDays, new DateOnly(2026, 9, 30)),
            "resume" => texts.Resumed(LongestTime),
            "not paused" => texts.NotPaused(LongestTime),
            "time changed" => texts.TimeChanged(LongestTime),
            "time help" => texts.TimeHelp(new TimeOnly(8, 0), new TimeOnly(20, 55)),
            "zone changed" => Longest(zone => texts.ZoneChanged(zone, LongestTime)),
            "zone help" => texts.ZoneHelp(),
            "ambiguous reply" => texts.ReplyStopToUnsubscribe(),
            "household (everyone)" => texts.HouseholdChanged(Household.Partner | Household.Children | Household.Pets),
            "household (nobody)" => texts.HouseholdChanged(Household.None),
            "household (one)" => texts.HouseholdChanged(Household.Pets),
            "unknown" => texts.Unknown(),
            "confirm first" => texts.ConfirmFirst(),
            "not subscribed" => texts.NotSubscribed(),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        var count = SmsSegmentCounter.Count(text);
        Assert.True(count.Encoding == SmsEncoding.Gsm7 && count.Segments == 1, $"{which}: {count.Units} units, {count.Encoding}: {text}");
        Assert.StartsWith(LongestName + ": ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_NamesTheSupportContact()
    {
        var help = ReplyTexts.For("Reminders", "help@example.org").Help();

        Assert.Contains("help@example.org", help, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBuiltInNudge_DefaultNameWithPrefixAndSuffix_IsOneGsm7Segment()
    {
        var texts = ReplyTexts.For(NudgeFormat.DefaultProgramName);
        var tooLong = BuiltInPromptLibrary.All
            .Select(p => texts.Nudge(p.Text, 0))
            .Where(nudge => SmsSegmentCounter.Count(nudge) is not { Encoding: SmsEncoding.Gsm7, Segments: 1 })
            .ToList();

        Assert.Empty(tooLong);
    }

    [Fact]
    public void EveryBuiltInNudge_LongestNameWithPrefixAndSuffix_IsOneGsm7Segment()
    {
        var texts = ReplyTexts.For(LongestName);
        var tooLong = BuiltInPromptLibrary.All
            .Select(p => texts.Nudge(p.Text, 0))
            .Where(nudge => SmsSegmentCounter.Count(nudge) is not { Encoding: SmsEncoding.Gsm7, Segments: 1 })
            .ToList();

        Assert.Empty(tooLong);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    [InlineData(14, true)]
    public void Nudge_StartsWithTheNameAndCarriesTheStopReminderOnTheFirstAndEvery7th(int sentBefore, bool suffix)
    {
        var nudge = ReplyTexts.For("Reminders").Nudge("Hug someone.", sentBefore);

        Assert.Equal(suffix ? "Reminders: Hug someone. Reply STOP to end." : "Reminders: Hug someone.", nudge);
    }

    private static string Longest(Func<string, string> render) =>
        new[] { LongestZoneId, LongestZoneLabel, "America/New_York" }.Select(render).MaxBy(text => text.Length)!;

    private static IEnumerable<string> IanaZones() =>
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id);
}
