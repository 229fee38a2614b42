using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Reminders.Core.Delivery;
using Reminders.Core.Scheduling;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>
/// The signature gate and the form checks of <c>/api/sms/inbound</c> and <c>/api/sms/status</c> over real HTTP.
/// That the validator accepts Twilio's published example signature (<c>L/OH5YylLD5NRKLltdqwSvS0BnU=</c>) is proven in
/// <see cref="Twilio.TwilioSignatureValidatorTests"/>; here the fake signs like Twilio and forged variants must fail.
/// </summary>
public sealed class WebhookSecurityEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 10);
    private const string Phone = "+12125550123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Forgeries => ["wrong token", "missing", "garbage", "changed body", "added field", "other path"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Inbound_ForgedOrMissingSignature_403AndNothingChanges(string forgery)
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await h.ReplyAsync(Phone, "JOIN");
        var consent = (await h.ConsentAsync(Phone)).Count;
        var genuine = h.Twilio.Inbound(SmsAppHarness.WebhookBaseUrl, Phone, "PAUSE 3", messageSid: h.NextSid());
        var forged = forgery switch
        {
            "wrong token" => genuine.SignedWith("not-the-auth-token"),
            "missing" => genuine.WithSignature(null),
            "garbage" => genuine.WithSignature("AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            "changed body" => genuine.WithField("Body", "STOP"),
            "added field" => genuine.WithField("OptOutType", "STOP"),
            _ => genuine with { Url = new Uri(SmsAppHarness.WebhookBaseUrl + "/api/sms/status") },
        };

        using var response = await h.PostAsync(forged);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var subscriber = await h.SubscriberAsync(Phone);
        Assert.Equal((SubscriberStatus.Active, (DateOnly?)null), (subscriber?.Status, subscriber?.PausedUntil));
        Assert.Equal(consent, (await h.ConsentAsync(Phone)).Count);

        // The genuine one still works afterwards: the forgery did not burn its MessageSid.
        using var accepted = await h.PostAsync(genuine);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(SubscriberStatus.Paused, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task Status_ForgedCallback_403AndTheDeliveryKeepsItsStatus()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await h.ReplyAsync(Phone, "JOIN");
        await h.ScanAtAsync(SendSchedule.ToUtc(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), Today, new TimeOnly(9, 5)));
        var nudge = Assert.Single(h.MessagesTo(Phone));
        var genuine = h.Twilio.Status(nudge, "undelivered", 21610);

        using var forged = await h.PostAsync(genuine.SignedWith("not-the-auth-token"));
        using var replayed = await h.PostAsync(h.Twilio.Status(nudge, "delivered").WithField("ErrorCode", "21610"));
        using var unsigned = await h.PostAsync(genuine.WithSignature(null));

        Assert.All([forged, replayed, unsigned], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(DeliveryStatus.Accepted, (await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today)))?.Status);
        Assert.Equal(SubscriberStatus.Active, (await h.SubscriberAsync(Phone))?.Status);
    }

    [Fact]
    public async Task Inbound_NotFormEncoded_415()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);

        using var response = await h.Http.PostAsJsonAsync("/api/sms/inbound", new { From = Phone, Body = "STOP" }, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    public static TheoryData<string, string?, string> BadInbound => new()
    {
        { "From", null, "From" },
        { "From", "not-a-number", "From" },
        { "From", "+1555", "From" },
        { "Body", null, "Body" },
        { "MessageSid", "SM123", "MessageSid" },
        { "MessageSid", null, "MessageSid" },
    };

    [Theory]
    [MemberData(nameof(BadInbound))]
    public async Task Inbound_SignedButMissingOrInvalidField_400NamingTheFieldAndNothingChanges(string field, string? value, string named)
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        var webhook = Signed(h, h.Twilio.Inbound(SmsAppHarness.WebhookBaseUrl, Phone, "JOIN", messageSid: h.NextSid()), field, value);

        using var response = await h.PostAsync(webhook);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Contains(named, problem!.Errors.Keys);
        Assert.Null(await h.SubscriberAsync(Phone));
    }

    [Theory]
    [InlineData("phone=not-a-phone&delivery=2026-06-10", "phone")]
    [InlineData("delivery=2026-06-10", "phone")]
    [InlineData("phone=%2B12125550123&delivery=..%2Fx", "delivery")]
    public async Task Status_SignedButInvalidQuery_400(string query, string named)
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        var message = new FakeTwilioMessage(
            "SM" + new string('c', 32), Phone, FakeTwilioServer.DefaultFrom, null, "x",
            $"{SmsAppHarness.WebhookBaseUrl}/api/sms/status?{query}", null, h.Twilio.AccountSid, Start, new Dictionary<string, string>());

        using var response = await h.PostAsync(h.Twilio.Status(message, "delivered"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Contains(named, problem!.Errors.Keys);
    }

    [Fact]
    public async Task Status_SignedWithNonNumericErrorCode_400()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        await h.ReplyAsync(Phone, "JOIN");
        await h.ScanAtAsync(SendSchedule.ToUtc(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), Today, new TimeOnly(9, 5)));
        var webhook = Signed(h, h.Twilio.Status(Assert.Single(h.MessagesTo(Phone)), "undelivered"), "ErrorCode", "30OO5");

        using var response = await h.PostAsync(webhook);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DeliveryStatus.Accepted, (await h.DeliveryAsync(Phone, DeliveryRecord.DailyKey(Today)))?.Status);
    }

    [Theory]
    [InlineData("/api/sms/inbound")]
    [InlineData("/api/sms/status")]
    public async Task Webhooks_DryRunMode_404ProblemEvenWhenSigned(string path)
    {
        await using var h = await SmsAppHarness.StartAsync(Start, twilio: false);

        using var response = await h.PostAsync(h.Twilio.Inbound(SmsAppHarness.WebhookBaseUrl, Phone, "JOIN", path: path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct);
        Assert.Equal("SMS webhooks are off", problem?.Title);
        Assert.Null(await h.SubscriberAsync(Phone));
    }

    /// <summary>The webhook with <paramref name="field"/> set to <paramref name="value"/> (removed when null), signed again.</summary>
    private static FakeTwilioWebhook Signed(SmsAppHarness h, FakeTwilioWebhook webhook, string field, string? value)
    {
        var changed = value is null
            ? webhook with { Form = [.. webhook.Form.Where(p => p.Key != field)] }
            : webhook.WithField(field, value);
        return changed.SignedWith(h.Twilio.AuthToken);
    }
}
