using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Sms;
using Reminders.Core.Subscribers;

using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Conversations;

/// <summary>What carriers and subscribers check, through Core as the app composes it: opt-outs in sentences and in
/// Spanish, the daily cap on the ambiguous answer, household words, HELP's contact, nudge branding and quiet-hours
/// confirmations.</summary>
public sealed class ComplianceConversationTests
{
    // 2026-06-10 12:00 UTC is 08:00 in New York (EDT, UTC-4).
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReplyTexts Texts = new(Options.Create(new ProgramOptions()));
    private const string Phone = "+12125550123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("revoke my consent")]
    [InlineData("Stop these daily texts")]
    [InlineData("Opt out of this")]
    [InlineData("Stop. Wrong person")]
    [InlineData("BAJA")]
    [InlineData("no más")]
    [InlineData("UNSUB")]
    [InlineData("remove")]
    public async Task OptOutSentence_ActiveSubscriber_StopsWithOneConfirmation(string body)
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var reply = await h.TextAsync(Phone, body);

        Assert.Equal(Texts.StopConfirmation(), reply);
        Assert.Equal(SubscriberStatus.Stopped, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task AmbiguousReply_ThreeTimesInADay_AnsweredOnceThenAgainTheNextDay()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var first = await h.TextAsync(Phone, "don't stop");
        var second = await h.TextAsync(Phone, "I can't stop smiling");
        var third = await h.TextAsync(Phone, "never stop");
        h.Clock.SetUtcNow(Start.AddDays(1));
        var nextDay = await h.TextAsync(Phone, "don't stop");

        Assert.Equal(Texts.ReplyStopToUnsubscribe(), first);
        Assert.Null(second);
        Assert.Null(third);
        Assert.Equal(Texts.ReplyStopToUnsubscribe(), nextDay);
        Assert.Equal(SubscriberStatus.Active, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task HouseholdWords_ByText_SetAndClearTheFlags()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        var pets = await h.TextAsync(Phone, "PETS");
        var partner = await h.TextAsync(Phone, "partner");
        var noPets = await h.TextAsync(Phone, "NO PETS");

        Assert.Equal(Texts.HouseholdChanged(Household.Pets), pets);
        Assert.Equal(Texts.HouseholdChanged(Household.Pets | Household.Partner), partner);
        Assert.Equal(Texts.HouseholdChanged(Household.Partner), noPets);
        Assert.Equal(Household.Partner, (await h.SubscriberAsync(Phone))?.Household);
    }

    [Fact]
    public async Task Help_SupportContactConfigured_NamesItAndHowToSetTheHousehold()
    {
        await using var h = await ConversationHarness.StartAsync(Start, new Dictionary<string, string?> { ["Program:SupportContact"] = "help@example.org" });

        var reply = await h.TextAsync(Phone, "HELP");

        Assert.Contains("help@example.org", reply, StringComparison.Ordinal);
        Assert.Contains("NO PETS", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nudges_EightDays_AllStartWithTheNameAndTheFirstAndEighthEndWithTheStopReminder()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        await h.ActiveAsync(Phone);

        for (var day = 0; day < 8; day++)
        {
            Assert.Equal(1, await h.SendDueAtAsync(Start.AddDays(day).AddHours(1)));
        }

        var nudges = (await h.MessagesAsync(Phone)).Where(m => m.Kind == OutboundMessageKinds.Nudge).Reverse().ToList();
        Assert.Equal(8, nudges.Count);
        Assert.All(nudges, n => Assert.StartsWith("Reminders: ", n.Body, StringComparison.Ordinal));
        Assert.Equal(
            [true, false, false, false, false, false, false, true],
            nudges.Select(n => n.Body.EndsWith(" Reply STOP to end.", StringComparison.Ordinal)).ToArray());
        Assert.Equal(8, (await h.SubscriberAsync(Phone))?.NudgesSent);
    }

    [Fact]
    public async Task Signup_At2AmLocal_HoldsTheConfirmationUntil8AmAndSaysWhen()
    {
        var twoAm = new DateTimeOffset(2026, 6, 10, 6, 0, 0, TimeSpan.Zero); // 02:00 EDT
        var eightAm = new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
        await using var h = await ConversationHarness.StartAsync(twoAm);

        var result = await h.SignUpAsync(Phone);

        Assert.Equal(SignupOutcome.Created, result.Outcome);
        Assert.Equal(eightAm, result.ConfirmationHeldUntil);
        Assert.Empty(await h.MessagesAsync(Phone));

        await h.SendDueAtAsync(eightAm.AddMinutes(-10));
        Assert.Empty(await h.MessagesAsync(Phone));

        await h.SendDueAtAsync(eightAm.AddMinutes(1));
        await h.SendDueAtAsync(eightAm.AddMinutes(6));
        var sent = Assert.Single(await h.MessagesAsync(Phone));
        Assert.Equal(Texts.ConfirmationRequest(), sent.Body);

        await h.TextAsync(Phone, "YES");
        Assert.Equal(SubscriberStatus.Active, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task Signup_InsideTheWindow_SendsTheConfirmationAtOnce()
    {
        await using var h = await ConversationHarness.StartAsync(Start.AddHours(2));

        var result = await h.SignUpAsync(Phone);

        Assert.Null(result.ConfirmationHeldUntil);
        Assert.Equal(Texts.ConfirmationRequest(), Assert.Single(await h.MessagesAsync(Phone)).Body);
    }

    [Fact]
    public async Task Signup_WithHousehold_StoresItAndAdminPatchChangesIt()
    {
        await using var h = await ConversationHarness.StartAsync(Start);
        var service = h.Get<SubscriptionService>();

        await QueuedConfirmations.SignUpAndDeliverAsync(h.Get<SubscriptionService>(), h.Get<ConfirmationSender>(), new SignupRequest(Phone, "America/New_York", "09:00", null, null, null, ["pets", "children"]), Ct);
        var signedUp = await h.SubscriberAsync(Phone);
        var patched = await service.UpdateAsync(
            PhoneNumber.FromE164(Phone), new SubscriptionChanges(null, null, null, null, null, null, ["partner"]), "tester", Ct);
        var refused = await service.UpdateAsync(
            PhoneNumber.FromE164(Phone), new SubscriptionChanges(null, null, null, null, null, null, ["dog"]), "tester", Ct);

        Assert.Equal(Household.Pets | Household.Children, signedUp?.Household);
        Assert.Equal(Household.Partner, patched.Subscriber?.Value.Household);
        Assert.True(refused.Errors.ContainsKey("household"));
        Assert.Equal(Household.Partner, (await h.SubscriberAsync(Phone))?.Household);
    }
}
