using System.Net;
using Reminders.Core.Sms;
using Reminders.Core.Subscribers;
using Reminders.Tests.Conversations;

namespace Reminders.Tests.Subscribers;

/// <summary>
/// Findings 1 and 3 of the probe: a zone switch bought a confirmation text per request (8 to one victim in 8 requests),
/// and the signup limit keyed on the full IPv6 address (25 signups from one /64 all passed).
/// </summary>
public sealed class SignupLimitsTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    private static readonly string[] Zones =
    [
        "Pacific/Kiritimati", "Etc/GMT+12", "Pacific/Auckland", "Pacific/Honolulu", "Asia/Tokyo",
        "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "America/New_York", "Australia/Sydney",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pumping_TwentySignupsForOneNumberAcrossTenZones_AtMostTwoTextsIn24Hours()
    {
        await using var app = await ConversationHarness.StartAsync(Start);
        const string victim = "+12125550123";

        // 20 signups spread over 24 hours, alternating zones (each switch moves the "local day"), and every held
        // confirmation given its chance to go out through the due scan.
        for (var i = 0; i < 20; i++)
        {
            app.Clock.SetUtcNow(Start.AddMinutes(i * 72));
            var result = await app.SignUpAsync(victim, Zones[i % Zones.Length]);
            Assert.NotEqual(SignupOutcome.Invalid, result.Outcome);
            await app.SendDueAsync();
        }

        app.Clock.SetUtcNow(Start.AddHours(24).AddMinutes(-1));
        await app.SendDueAsync();

        var confirmations = (await app.MessagesAsync(victim)).Count(m => m.Kind == OutboundMessageKinds.Confirmation);
        Assert.InRange(confirmations, 1, SignupLimits.MaxConfirmationsPer24Hours);
    }

    [Fact]
    public async Task Pumping_ZoneSwitchesWithinOneHour_AtMostTwoTexts()
    {
        // 21:00 UTC is 11:00 in Kiritimati (UTC+14) and 09:00 in Etc/GMT+12 (UTC-12): inside the sending window in both,
        // on two different local dates, which is what the probe alternated.
        var evening = new DateTimeOffset(2026, 6, 10, 21, 0, 0, TimeSpan.Zero);
        await using var app = await ConversationHarness.StartAsync(evening);
        const string victim = "+12125550123";

        for (var i = 0; i < 8; i++)
        {
            app.Clock.SetUtcNow(evening.AddMinutes(i));
            await app.SignUpAsync(victim, i % 2 == 0 ? "Pacific/Kiritimati" : "Etc/GMT+12");
            await app.SendDueAsync();
        }

        var confirmations = (await app.MessagesAsync(victim)).Count(m => m.Kind == OutboundMessageKinds.Confirmation);
        Assert.Equal(2, confirmations);
    }

    [Fact]
    public async Task ConfirmationCap_RollingWindow_FreesASlotOnly24HoursAfterTheFirstText()
    {
        await using var app = await ConversationHarness.StartAsync(Start);
        var limits = app.Get<SignupLimits>();
        var phone = PhoneNumber.FromE164("+12125550123");

        Assert.True(await limits.TryTakeConfirmationAsync(phone, Ct));
        app.Clock.SetUtcNow(Start.AddHours(8)); // 23:00 UTC
        Assert.True(await limits.TryTakeConfirmationAsync(phone, Ct));
        app.Clock.SetUtcNow(Start.AddHours(10)); // a new UTC day, but within 24 hours of both texts
        Assert.False(await limits.TryTakeConfirmationAsync(phone, Ct));
        app.Clock.SetUtcNow(Start.AddHours(24));
        Assert.True(await limits.TryTakeConfirmationAsync(phone, Ct));
        Assert.False(await limits.TryTakeConfirmationAsync(phone, Ct));
    }

    [Fact]
    public async Task AddressLimit_TwentyFiveSignupsFromOneIpv6Slash64_OnlyTheAllowanceGetsThrough()
    {
        await using var app = await ConversationHarness.StartAsync(Start);
        var limits = app.Get<SignupLimits>();

        var verdicts = new List<LimitVerdict>();
        for (var i = 1; i <= 25; i++)
        {
            verdicts.Add(await limits.TryAdmitSignupAsync(IPAddress.Parse($"2001:db8::{i:x}"), Ct));
        }

        Assert.Equal(20, verdicts.Count(v => v.Allowed));
        var refused = verdicts.First(v => !v.Allowed);
        Assert.Equal(TimeSpan.FromHours(1), refused.RetryAfter); // the hour window started at 15:00:00 exactly
        Assert.True((await limits.TryAdmitSignupAsync(IPAddress.Parse("2001:db8:0:1::1"), Ct)).Allowed, "another /64 has its own allowance");
    }

    [Theory]
    [InlineData("2001:db8::1", "2001:db8::ffff:1:2:3", true)]
    [InlineData("2001:db8::1", "2001:db8:0:1::1", false)]
    [InlineData("203.0.113.9", "203.0.113.10", false)]
    [InlineData("203.0.113.9", "::ffff:203.0.113.9", true)]
    public void AddressKey_Ipv6ByPrefixIpv4Whole(string a, string b, bool same)
    {
        Assert.Equal(same, SignupLimits.AddressKey(IPAddress.Parse(a)) == SignupLimits.AddressKey(IPAddress.Parse(b)));
    }

    [Fact]
    public void AddressKey_NoAddress_TheSharedUnknownKey()
    {
        Assert.Equal(SignupLimits.UnknownAddressKey, SignupLimits.AddressKey(null));
    }

    [Fact]
    public async Task GlobalCeiling_ManyAddresses_StopsAtMaxPerMinuteThenReopensNextMinute()
    {
        await using var app = await ConversationHarness.StartAsync(
            Start, new Dictionary<string, string?> { ["Signup:MaxPerMinute"] = "5" });
        var limits = app.Get<SignupLimits>();

        var allowed = 0;
        for (var i = 1; i <= 12; i++)
        {
            allowed += (await limits.TryAdmitSignupAsync(IPAddress.Parse($"198.51.100.{i}"), Ct)).Allowed ? 1 : 0;
        }

        Assert.Equal(5, allowed);
        app.Clock.SetUtcNow(Start.AddMinutes(1));
        Assert.True((await limits.TryAdmitSignupAsync(IPAddress.Parse("198.51.100.200"), Ct)).Allowed);
    }
}
