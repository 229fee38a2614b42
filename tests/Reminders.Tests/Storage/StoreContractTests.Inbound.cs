using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>Contract of <see cref="IInboundLog"/>: webhook de-duplication by MessageSid and once-a-day markers.</summary>
public abstract partial class StoreContractTests
{
    private const string Sid = "SM0123456789abcdef0123456789abcdef";
    private const string OtherSid = "SMfedcba9876543210fedcba9876543210";
    private static readonly PhoneNumber InboundPhone = PhoneNumber.FromE164("+15550100001");

    [Fact]
    public async Task InboundTryClaimAsync_NewSid_InsertsWithoutReply()
    {
        var claimed = await Stores.Inbound.TryClaimAsync(new InboundMessage(Sid, InboundPhone, Day, null), Ct);

        Assert.True(claimed);
        Assert.Equal(new InboundMessage(Sid, InboundPhone, Day, null), await Stores.Inbound.GetAsync(Sid, Ct));
        Assert.Null(await Stores.Inbound.GetAsync(OtherSid, Ct));
    }

    [Fact]
    public async Task InboundTryClaimAsync_ConcurrentClaimsOfOneSid_ExactlyOneWinsAndFirstDataStays()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Stores.Inbound.TryClaimAsync(new InboundMessage(Sid, InboundPhone, Day.AddSeconds(i), null), Ct)));

        Assert.Equal(1, claims.Count(won => won));
        var stored = await Stores.Inbound.GetAsync(Sid, Ct);
        Assert.Equal(Day.AddSeconds(Array.IndexOf(claims, true)), stored?.ReceivedAt);
    }

    [Fact]
    public async Task InboundSetReplyAsync_ClaimedSid_KeepsReplyAndClaimData()
    {
        await Stores.Inbound.TryClaimAsync(new InboundMessage(Sid, InboundPhone, Day, null), Ct);
        const string reply = "Reminders: You're in! <1 msg/day> & \"rates\" apply. Café";

        await Stores.Inbound.SetReplyAsync(Sid, reply, Ct);

        Assert.Equal(new InboundMessage(Sid, InboundPhone, Day, reply), await Stores.Inbound.GetAsync(Sid, Ct));
        Assert.False(await Stores.Inbound.TryClaimAsync(new InboundMessage(Sid, InboundPhone, Day.AddHours(1), null), Ct));
        Assert.Equal(reply, (await Stores.Inbound.GetAsync(Sid, Ct))?.Reply);
    }

    [Fact]
    public async Task InboundSetReplyAsync_EmptyReply_IsStoredAsEmptyNotNull()
    {
        await Stores.Inbound.TryClaimAsync(new InboundMessage(Sid, InboundPhone, Day, null), Ct);

        await Stores.Inbound.SetReplyAsync(Sid, string.Empty, Ct);

        Assert.Equal(string.Empty, (await Stores.Inbound.GetAsync(Sid, Ct))?.Reply);
    }

    [Fact]
    public async Task InboundSetReplyAsync_NeverClaimed_CreatesNothing()
    {
        await Stores.Inbound.SetReplyAsync(Sid, "hello", Ct);

        Assert.Null(await Stores.Inbound.GetAsync(Sid, Ct));
    }

    [Fact]
    public async Task InboundReleaseAsync_ClaimedSid_CanBeClaimedAgain()
    {
        await Stores.Inbound.TryClaimAsync(new InboundMessage(Sid, InboundPhone, Day, null), Ct);

        await Stores.Inbound.ReleaseAsync(Sid, Ct);
        await Stores.Inbound.ReleaseAsync(OtherSid, Ct);

        Assert.Null(await Stores.Inbound.GetAsync(Sid, Ct));
        Assert.True(await Stores.Inbound.TryClaimAsync(new InboundMessage(Sid, InboundPhone, Day.AddMinutes(1), null), Ct));
    }

    [Fact]
    public async Task InboundTryMarkAsync_SameMarkerSameDay_OnlyFirstInserts()
    {
        var date = new DateOnly(2026, 3, 1);

        Assert.True(await Stores.Inbound.TryMarkAsync(InboundPhone, "help", date, Ct));
        Assert.False(await Stores.Inbound.TryMarkAsync(InboundPhone, "help", date, Ct));
        Assert.True(await Stores.Inbound.TryMarkAsync(InboundPhone, "help", date.AddDays(1), Ct));
        Assert.True(await Stores.Inbound.TryMarkAsync(InboundPhone, "done", date, Ct));
        Assert.True(await Stores.Inbound.TryMarkAsync(PhoneNumber.FromE164("+15550100002"), "help", date, Ct));
    }

    [Fact]
    public async Task InboundTryMarkAsync_ConcurrentMarks_ExactlyOneWins()
    {
        var date = new DateOnly(2026, 3, 1);

        var marks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Stores.Inbound.TryMarkAsync(InboundPhone, "help", date, Ct)));

        Assert.Equal(1, marks.Count(won => won));
    }

    [Theory]
    [InlineData("SM0123/56789abcdef0123456789abcdef")]
    [InlineData("SM0123")]
    [InlineData("")]
    public async Task InboundTryClaimAsync_MalformedSid_ThrowsArgumentException(string sid)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Stores.Inbound.TryClaimAsync(new InboundMessage(sid, InboundPhone, Day, null), Ct));
    }

    [Theory]
    [InlineData("Help")]
    [InlineData("help/2")]
    [InlineData("")]
    public async Task InboundTryMarkAsync_MalformedMarker_ThrowsArgumentException(string marker)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Stores.Inbound.TryMarkAsync(InboundPhone, marker, new DateOnly(2026, 3, 1), Ct));
    }
}
