using Microsoft.Extensions.Options;
using Reminders.Core;
using Reminders.Core.Conversations;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Conversations;

/// <summary>
/// A handset that texts in gets the time zone libphonenumber gives its number when there is exactly one; otherwise
/// <c>Signup:DefaultTimeZone</c> (set to Chicago here, so the fallback cannot pass by coincidence).
/// </summary>
public sealed class TextInTimeZoneTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private static readonly ReplyTexts Texts = new(Options.Create(new ProgramOptions()));

    [Theory]
    [InlineData("+14155550123", "America/Los_Angeles")]
    [InlineData("+12125550123", "America/New_York")]
    [InlineData("+16135550123", "America/Toronto")]
    [InlineData("+19075550123", "America/Chicago")]
    [InlineData("+18005550199", "America/Chicago")]
    [InlineData("+15550100001", "America/Chicago")]
    public async Task Yes_FromUnknownNumber_TakesTheZoneOfTheNumberOrTheDefault(string phone, string expectedZone)
    {
        await using var h = await ConversationHarness.StartAsync(Start, new Dictionary<string, string?>
        {
            ["Signup:DefaultTimeZone"] = "America/Chicago",
        });

        var reply = await h.TextAsync(phone, "YES");

        var subscriber = await h.SubscriberAsync(phone);
        Assert.Equal((SubscriberStatus.Active, expectedZone), (subscriber?.Status, subscriber?.TimeZoneId));
        Assert.Equal(Texts.TextInWelcome(new TimeOnly(9, 0), expectedZone), reply);
        Assert.Contains(ReplyTexts.ZoneLabel(expectedZone) + " time", reply, StringComparison.Ordinal);
        Assert.Contains("ZONE", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yes_FromLosAngeles_IsScheduledAtNineLocalTime()
    {
        await using var h = await ConversationHarness.StartAsync(Start);

        await h.TextAsync("+14155550123", "YES");

        var subscriber = await h.SubscriberAsync("+14155550123");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var localDue = TimeZoneInfo.ConvertTime(subscriber!.NextDueUtc!.Value, zone);
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(localDue.DateTime));
    }
}
