using Reminders.Core.Conversations;

namespace Reminders.Tests.Conversations;

public sealed class InboundCommandParserTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData("Stop.")]
    [InlineData(" stop! ")]
    [InlineData("sToP")]
    [InlineData("STOPALL")]
    [InlineData("Unsubscribe")]
    [InlineData("cancel")]
    [InlineData("END")]
    [InlineData("quit")]
    [InlineData("Revoke")]
    [InlineData("OPTOUT")]
    [InlineData("opt out")]
    [InlineData("STOP ALL")]
    [InlineData("stop stop stop")]
    [InlineData("STOP 🛑")]
    [InlineData("\u00A0STOP\n")]
    public void Parse_StopFamilyKeyword_Stops(string body)
    {
        Assert.IsType<StopCommand>(InboundCommandParser.Parse(body, null));
    }

    [Theory]
    [InlineData("stop texting me")]
    [InlineData("Stop texting me!!")]
    [InlineData("unsubscribe me")]
    [InlineData("wrong number")]
    [InlineData("Wrong #")]
    [InlineData("You have the wrong number")]
    [InlineData("please stop")]
    [InlineData("Stop please")]
    [InlineData("remove me")]
    [InlineData("Please remove me from this list")]
    [InlineData("take me off your list")]
    [InlineData("stop sending me texts")]
    [InlineData("Stop the messages")]
    [InlineData("stop these texts")]
    [InlineData("Cancel my subscription")]
    [InlineData("I want to unsubscribe")]
    [InlineData("I’d like to opt out")]
    [InlineData("opt me out")]
    [InlineData("leave me alone")]
    [InlineData("No more texts")]
    [InlineData("don’t text me anymore")]
    [InlineData("Do not contact me again")]
    [InlineData("I don't want these texts")]
    [InlineData("not interested")]
    [InlineData("STOP NOW")]
    [InlineData("ok stop, thanks")]
    public void Parse_ClearOptOutPhrase_Stops(string body)
    {
        Assert.IsType<StopCommand>(InboundCommandParser.Parse(body, null));
    }

    [Theory]
    [InlineData("don't stop the texts")]
    [InlineData("I can't stop smiling")]
    [InlineData("Please don't stop")]
    [InlineData("I hugged my kid at the end of the day")]
    [InlineData("stopppp")]
    public void Parse_SentenceWithAStopWord_IsAmbiguous(string body)
    {
        Assert.IsType<AmbiguousStopCommand>(InboundCommandParser.Parse(body, null));
    }

    [Theory]
    [InlineData("START")]
    [InlineData("yes")]
    [InlineData("Yes!")]
    [InlineData("YES please")]
    [InlineData("unstop")]
    [InlineData("Join")]
    public void Parse_StartFamily_Starts(string body)
    {
        Assert.IsType<StartCommand>(InboundCommandParser.Parse(body, null));
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("help?")]
    [InlineData("Info")]
    [InlineData("help me")]
    public void Parse_HelpOrInfo_Helps(string body)
    {
        Assert.IsType<HelpCommand>(InboundCommandParser.Parse(body, null));
    }

    [Theory]
    [InlineData("RESUME", typeof(ResumeCommand))]
    [InlineData("unpause", typeof(ResumeCommand))]
    [InlineData("Done", typeof(DoneCommand))]
    [InlineData("done!", typeof(DoneCommand))]
    [InlineData("I did it", typeof(DoneCommand))]
    [InlineData("MORE", typeof(MoreCommand))]
    [InlineData("more please", typeof(MoreCommand))]
    [InlineData("Why?", typeof(WhyCommand))]
    [InlineData("why", typeof(WhyCommand))]
    [InlineData("hello", typeof(UnknownCommand))]
    [InlineData("thanks", typeof(UnknownCommand))]
    [InlineData("", typeof(UnknownCommand))]
    [InlineData("   ", typeof(UnknownCommand))]
    [InlineData(null, typeof(UnknownCommand))]
    [InlineData("👍", typeof(UnknownCommand))]
    [InlineData("I started", typeof(UnknownCommand))]
    public void Parse_OtherKeywords_MapToTheirCommand(string? body, Type expected)
    {
        Assert.IsType(expected, InboundCommandParser.Parse(body, null));
    }

    [Theory]
    [InlineData("STOP", "hello", typeof(StopCommand))]
    [InlineData("stop", "ARRET", typeof(StopCommand))]
    [InlineData("START", "stop", typeof(StartCommand))]
    [InlineData("HELP", "info", typeof(HelpCommand))]
    public void Parse_TwilioOptOutType_WinsAndIsMarkedHandled(string optOutType, string body, Type expected)
    {
        var command = InboundCommandParser.Parse(body, optOutType);

        Assert.IsType(expected, command);
        Assert.True(command.HandledByTwilio);
    }

    [Fact]
    public void Parse_NoOptOutType_IsNotMarkedHandled()
    {
        Assert.False(InboundCommandParser.Parse("STOP", null).HandledByTwilio);
        Assert.False(InboundCommandParser.Parse("STOP", "").HandledByTwilio);
    }

    [Fact]
    public void Parse_Keyword_IsTheNormalisedTextCappedAt60()
    {
        Assert.Equal("STOP TEXTING ME", InboundCommandParser.Parse("  Stop texting me!! ", null).Keyword);
        Assert.Equal(60, InboundCommandParser.Parse(string.Join(' ', Enumerable.Repeat("blah", 40)), null).Keyword.Length);
    }

    [Theory]
    [InlineData("PAUSE", 7)]
    [InlineData("pause.", 7)]
    [InlineData("PAUSE 3", 3)]
    [InlineData("pause 3 days", 3)]
    [InlineData("Pause for 10 days", 10)]
    [InlineData("PAUSE 1 day", 1)]
    [InlineData("pause 3d", 3)]
    [InlineData("PAUSE 2 weeks", 14)]
    [InlineData("pause a week", 7)]
    [InlineData("pause it for two weeks", 14)]
    [InlineData("pause for a month", 30)]
    [InlineData("PAUSE 30", 30)]
    [InlineData("PAUSE 45", 30)]
    [InlineData("PAUSE 999999", 30)]
    [InlineData("PAUSE 0", 1)]
    [InlineData("please pause", 7)]
    public void Parse_Pause_ReadsDaysWithDefaultAndLimits(string body, int days)
    {
        var pause = Assert.IsType<PauseCommand>(InboundCommandParser.Parse(body, null));

        Assert.Equal(days, pause.Days);
    }

    [Theory]
    [InlineData("pause until monday")]
    [InlineData("pause 3 fortnights")]
    public void Parse_PauseWithUnreadableLength_IsUnknown(string body)
    {
        Assert.IsType<UnknownCommand>(InboundCommandParser.Parse(body, null));
    }

    [Theory]
    [InlineData("TIME 7:30", 7, 30)]
    [InlineData("time 07:30", 7, 30)]
    [InlineData("TIME 7:30pm", 19, 30)]
    [InlineData("time 7:30 pm", 19, 30)]
    [InlineData("Time 7:30 p.m.", 19, 30)]
    [InlineData("TIME 7:15PM", 19, 15)]
    [InlineData("TIME 19:30", 19, 30)]
    [InlineData("time 7pm", 19, 0)]
    [InlineData("TIME 7 PM", 19, 0)]
    [InlineData("time 7am", 7, 0)]
    [InlineData("time 7a", 7, 0)]
    [InlineData("TIME 0730", 7, 30)]
    [InlineData("TIME 1930", 19, 30)]
    [InlineData("time 730pm", 19, 30)]
    [InlineData("TIME 7", 7, 0)]
    [InlineData("time 7.30", 7, 30)]
    [InlineData("time 19h30", 19, 30)]
    [InlineData("TIME 12am", 0, 0)]
    [InlineData("TIME 12pm", 12, 0)]
    [InlineData("TIME 12:30 am", 0, 30)]
    [InlineData("time noon", 12, 0)]
    [InlineData("Time: 8:45am", 8, 45)]
    [InlineData("time at 6pm", 18, 0)]
    [InlineData("change time to 6:15pm", 18, 15)]
    [InlineData("TIME 7pm!", 19, 0)]
    [InlineData("TIME 7pm 👍", 19, 0)]
    public void Parse_TimeFormats_ReadTheLocalTime(string body, int hour, int minute)
    {
        var time = Assert.IsType<TimeCommand>(InboundCommandParser.Parse(body, null));

        Assert.Equal(new TimeOnly(hour, minute), time.At);
    }

    [Theory]
    [InlineData("TIME")]
    [InlineData("time 25:00")]
    [InlineData("time 24:00")]
    [InlineData("TIME 7:60")]
    [InlineData("time 13pm")]
    [InlineData("time 0pm")]
    [InlineData("time tomorrow")]
    [InlineData("time 7:30 EST")]
    [InlineData("time 12345")]
    public void Parse_TimeWithoutAValidTime_IsTimeWithNoValue(string body)
    {
        var time = Assert.IsType<TimeCommand>(InboundCommandParser.Parse(body, null));

        Assert.Null(time.At);
    }

    [Theory]
    [InlineData("ZONE Pacific", "America/Los_Angeles")]
    [InlineData("zone eastern", "America/New_York")]
    [InlineData("Zone PST", "America/Los_Angeles")]
    [InlineData("zone central time", "America/Chicago")]
    [InlineData("TIMEZONE Mountain", "America/Denver")]
    [InlineData("time zone Arizona", "America/Phoenix")]
    [InlineData("zone america/chicago", "America/Chicago")]
    [InlineData("ZONE Europe/London", "Europe/London")]
    [InlineData("zone London", "Europe/London")]
    [InlineData("zone new york", "America/New_York")]
    [InlineData("zone: Hawaii", "Pacific/Honolulu")]
    public void Parse_Zone_ResolvesToAnIanaId(string body, string zone)
    {
        var command = Assert.IsType<ZoneCommand>(InboundCommandParser.Parse(body, null));

        Assert.Equal(zone, command.TimeZoneId);
    }

    [Theory]
    [InlineData("ZONE")]
    [InlineData("zone mars")]
    [InlineData("zone Nowhere/Special")]
    public void Parse_ZoneNotRecognised_IsZoneWithNoValue(string body)
    {
        Assert.Null(Assert.IsType<ZoneCommand>(InboundCommandParser.Parse(body, null)).TimeZoneId);
    }

    [Fact]
    public void Parse_VeryLongBody_DoesNotThrowAndIsUnknown()
    {
        Assert.IsType<UnknownCommand>(InboundCommandParser.Parse(new string('x', 10_000), null));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, 0)]
    [InlineData(12, 0)]
    [InlineData(19, 15)]
    [InlineData(23, 59)]
    public void TryParseClock_TimeWrittenByReplyTexts_RoundTrips(int hour, int minute)
    {
        var time = new TimeOnly(hour, minute);

        Assert.True(InboundCommandParser.TryParseClock(ReplyTexts.Time(time), out var parsed));
        Assert.Equal(time, parsed);
    }
}
