using Reminders.Core.Conversations;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Conversations;

/// <summary>
/// Replies people really send to a text program, each with what the service must do. Since April 2025 the FCC counts
/// any reasonable expression of revocation as an opt-out, so a stop word anywhere in a sentence stops, as does a
/// question about stopping; only a clear negation ("don't stop") does not.
/// </summary>
public sealed class OptOutRepliesTests
{
    public static TheoryData<string, Type> Replies => new()
    {
        // Keywords, alone or with noise.
        { "STOP", typeof(StopCommand) },
        { "Stop.", typeof(StopCommand) },
        { "stop!!!", typeof(StopCommand) },
        { "UNSUBSCRIBE", typeof(StopCommand) },
        { "cancel", typeof(StopCommand) },
        { "End", typeof(StopCommand) },
        { "quit", typeof(StopCommand) },
        { "Revoke", typeof(StopCommand) },
        { "opt out", typeof(StopCommand) },
        { "OPTOUT", typeof(StopCommand) },
        { "STOPALL", typeof(StopCommand) },
        { "remove", typeof(StopCommand) },
        { "UNSUB", typeof(StopCommand) },
        { "unsub pls", typeof(StopCommand) },

        // Spanish.
        { "BAJA", typeof(StopCommand) },
        { "baja por favor", typeof(StopCommand) },
        { "PARAR", typeof(StopCommand) },
        { "Cancelar", typeof(StopCommand) },
        { "ALTO", typeof(StopCommand) },
        { "no mas", typeof(StopCommand) },
        { "No más", typeof(StopCommand) },
        { "NO MÁS MENSAJES", typeof(StopCommand) },
        { "Quiero darme de baja", typeof(StopCommand) },

        // Opt-out words inside a sentence (the examples first).
        { "revoke my consent", typeof(StopCommand) },
        { "Stop these daily texts", typeof(StopCommand) },
        { "Opt out of this", typeof(StopCommand) },
        { "Stop. Wrong person", typeof(StopCommand) },
        { "Please stop sending me these, I never signed up", typeof(StopCommand) },
        { "I want to cancel this service", typeof(StopCommand) },
        { "Remove my number please", typeof(StopCommand) },
        { "Quit texting me", typeof(StopCommand) },
        { "end these messages", typeof(StopCommand) },
        { "I revoke consent to receive texts", typeof(StopCommand) },
        { "Can you please unsubscribe me from this list", typeof(StopCommand) },
        { "This is my wife's phone, stop", typeof(StopCommand) },
        { "ok thanks but stop", typeof(StopCommand) },
        { "Who is this? Stop", typeof(StopCommand) },
        { "Enough. Cancel.", typeof(StopCommand) },
        { "I'd like to opt out of the reminders", typeof(StopCommand) },
        { "time to stop", typeof(StopCommand) },
        { "HELP STOP", typeof(StopCommand) },

        // Questions about stopping are stops too.
        { "how do I stop?", typeof(StopCommand) },
        { "How do I stop these", typeof(StopCommand) },
        { "Should I opt out?", typeof(StopCommand) },
        { "how do I cancel the pause?", typeof(StopCommand) },
        { "Can I unsubscribe?", typeof(StopCommand) },
        { "why won't you stop texting me?", typeof(StopCommand) },
        { "Como me doy de baja?", typeof(StopCommand) },

        // Clear phrases without a keyword.
        { "wrong number", typeof(StopCommand) },
        { "leave me alone", typeof(StopCommand) },
        { "No more texts", typeof(StopCommand) },
        { "not interested", typeof(StopCommand) },
        { "don't text me anymore", typeof(StopCommand) },

        // Clear negations and "end" as a noun: not a stop, the ambiguous answer.
        { "don't stop", typeof(AmbiguousStopCommand) },
        { "Please don't stop the texts!", typeof(AmbiguousStopCommand) },
        { "I can't stop smiling", typeof(AmbiguousStopCommand) },
        { "never stop sending these, they are lovely", typeof(AmbiguousStopCommand) },
        { "Do not cancel my subscription", typeof(AmbiguousStopCommand) },
        { "I don't want to quit, just pause", typeof(AmbiguousStopCommand) },
        { "I hugged my kid at the end of the day", typeof(AmbiguousStopCommand) },
        { "stopped to pet a dog today", typeof(AmbiguousStopCommand) },

        // Everything else keeps its meaning.
        { "START", typeof(StartCommand) },
        { "unstop", typeof(StartCommand) },
        { "HELP", typeof(HelpCommand) },
        { "PAUSE 2 weeks", typeof(PauseCommand) },
        { "done", typeof(DoneCommand) },
        { "NO PETS", typeof(HouseholdCommand) },
        { "Thanks, I loved this one", typeof(UnknownCommand) },
        { "weekend plans: hug everyone", typeof(UnknownCommand) },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Parse_RealWorldReply_HasTheExpectedOutcome(string body, Type expected)
    {
        var command = InboundCommandParser.Parse(body, null);

        Assert.True(expected == command.GetType(), $"'{body}': expected {expected.Name}, got {command.GetType().Name}");
    }

    [Fact]
    public void Replies_TableIsLargeEnough()
    {
        Assert.True(Replies.Count >= 60, $"only {Replies.Count} replies");
    }

    [Theory]
    [InlineData("PETS", Household.Pets, true)]
    [InlineData("no pets", Household.Pets, false)]
    [InlineData("NO PARTNER", Household.Partner, false)]
    [InlineData("partner", Household.Partner, true)]
    [InlineData("Kids", Household.Children, true)]
    [InlineData("no children please", Household.Children, false)]
    public void Parse_HouseholdWord_SetsOrClearsTheFlag(string body, Household who, bool has)
    {
        var command = Assert.IsType<HouseholdCommand>(InboundCommandParser.Parse(body, null));

        Assert.Equal((who, has), (command.Who, command.Has));
    }
}
