using Reminders.Core.Sms;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>Contracts of <see cref="Reminders.Core.Storage.IConsentLog"/> and <see cref="Reminders.Core.Storage.IMessageLog"/>.</summary>
public abstract partial class StoreContractTests
{
    private static readonly PhoneNumber LogPhone = PhoneNumber.FromE164("+15550100001");
    private static readonly PhoneNumber OtherLogPhone = PhoneNumber.FromE164("+15550100002");

    [Fact]
    public async Task ConsentListAsync_EventsAppendedOutOfOrder_ReturnsThatPhonesEventsNewestFirst()
    {
        var signedUp = new ConsentEvent(LogPhone, Day.AddHours(9), ConsentEventKinds.SignedUp, ConsentSources.Api, "203.0.113.7");
        var confirmed = new ConsentEvent(LogPhone, Day.AddHours(9).AddMinutes(2), ConsentEventKinds.Confirmed, ConsentSources.Sms, "YES", "SM00000000000000000000000000000001");
        var stopped = new ConsentEvent(LogPhone, Day.AddDays(3), ConsentEventKinds.Stopped, ConsentSources.Sms, "STOP", "SM00000000000000000000000000000002");
        await Stores.Consent.AppendAsync(confirmed, Ct);
        await Stores.Consent.AppendAsync(new ConsentEvent(OtherLogPhone, Day.AddHours(10), ConsentEventKinds.SignedUp, ConsentSources.Api, null), Ct);
        await Stores.Consent.AppendAsync(stopped, Ct);
        await Stores.Consent.AppendAsync(signedUp, Ct);

        var events = await Stores.Consent.ListAsync(LogPhone, Ct);

        Assert.Equal([stopped, confirmed, signedUp], events);
    }

    [Fact]
    public async Task ConsentListAsync_NoEvents_ReturnsEmpty()
    {
        await Stores.Consent.AppendAsync(new ConsentEvent(OtherLogPhone, Day, ConsentEventKinds.SignedUp, ConsentSources.Api, null), Ct);

        Assert.Empty(await Stores.Consent.ListAsync(LogPhone, Ct));
    }

    [Fact]
    public async Task MessageListAsync_MoreThanMax_ReturnsNewestMaxNewestFirst()
    {
        var messages = Enumerable.Range(0, 5)
            .Select(i => new OutboundMessage(LogPhone, Day.AddHours(i), OutboundMessageKinds.Nudge, $"Prompt {i}", "dry-run", SmsSendOutcome.Accepted, $"DRY{i}"))
            .ToList();
        foreach (var i in new[] { 2, 0, 4, 1, 3 })
        {
            await Stores.Messages.AppendAsync(messages[i], Ct);
        }

        await Stores.Messages.AppendAsync(new OutboundMessage(OtherLogPhone, Day.AddDays(1), OutboundMessageKinds.Reply, "Hi", "twiml", SmsSendOutcome.Accepted, null), Ct);

        var listed = await Stores.Messages.ListAsync(LogPhone, 3, Ct);

        Assert.Equal([messages[4], messages[3], messages[2]], listed);
    }

    [Fact]
    public async Task MessageListAsync_FewerThanMax_ReturnsAllWithEveryField()
    {
        var unknown = new OutboundMessage(LogPhone, Day, OutboundMessageKinds.Confirmation, "Reply YES to confirm. Msg&data rates may apply.", "twilio", SmsSendOutcome.Unknown, null);
        var rejected = new OutboundMessage(LogPhone, Day.AddMinutes(1), OutboundMessageKinds.Extra, "Café ☕ \"quoted\" it's", "twilio", SmsSendOutcome.Rejected, "SM1");
        await Stores.Messages.AppendAsync(unknown, Ct);
        await Stores.Messages.AppendAsync(rejected, Ct);

        var listed = await Stores.Messages.ListAsync(LogPhone, 50, Ct);

        Assert.Equal([rejected, unknown], listed);
    }
}
