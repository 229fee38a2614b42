using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reminders.Core.Sms;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.Twilio;

/// <summary>
/// The fake's webhooks against a small loopback app that checks them with the production validator the way an
/// endpoint would (raw path and query, parsed form), so signing, form encoding and URL handling are proven over HTTP.
/// </summary>
public sealed class FakeTwilioWebhookTests : IAsyncLifetime
{
    private const string PublicBase = "https://nudge.example.com";
    private const string Subscriber = "+15551230123";

    private WebApplication? _receiver;
    private HttpClient? _app;
    private FakeTwilioServer? _fake;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeTwilioServer Fake => _fake!;

    private HttpClient App => _app!;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeTwilioServer.StartAsync(Ct);
        var validator = new TwilioSignatureValidator(_fake.AuthToken, PublicBase);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        _receiver.MapPost("/api/sms/{kind}", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var fields = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string?>(f.Key, v)));
            var valid = validator.IsValidWebhook(
                context.Request.Path.Value!, context.Request.QueryString.Value, fields, context.Request.Headers[TwilioWebhooks.SignatureHeader]);
            return valid ? Results.Text(form["Body"].ToString() + form["MessageStatus"]) : Results.StatusCode(StatusCodes.Status403Forbidden);
        });
        await _receiver.StartAsync(Ct);
        _app = new HttpClient { BaseAddress = new Uri(_receiver.Urls.Single()) };
    }

    public async ValueTask DisposeAsync()
    {
        _app?.Dispose();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    [Fact]
    public void Sign_TwilioDocumentedExample_MatchesThePublishedSignature()
    {
        KeyValuePair<string, string>[] form =
        [
            new("Digits", "1234"), new("To", "+18005551212"), new("From", "+14158675310"), new("Caller", "+14158675310"),
            new("CallSid", "CA1234567890ABCDE"),
        ];

        Assert.Equal("L/OH5YylLD5NRKLltdqwSvS0BnU=", FakeTwilioSigner.Sign("12345", "https://example.com/myapp.php?foo=1&bar=2", form));
    }

    [Fact]
    public async Task Inbound_SignedByTheFake_PassesTheProductionValidatorOverHttp()
    {
        var webhook = Fake.Inbound(PublicBase, Subscriber, "Time 7:15 pm & more");

        using var response = await webhook.PostAsync(App, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Time 7:15 pm & more", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(Subscriber, webhook["From"]);
        Assert.Matches("^SM[0-9a-f]{32}$", webhook["MessageSid"]);
    }

    [Fact]
    public async Task Inbound_AdvancedOptOut_CarriesOptOutTypeAndValidates()
    {
        var webhook = Fake.Inbound(PublicBase, Subscriber, "stop", optOutType: "STOP");

        using var response = await webhook.PostAsync(App, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("STOP", webhook["OptOutType"]);
    }

    [Fact]
    public async Task Inbound_ReplayedWithAChangedBody_IsForbidden()
    {
        var webhook = Fake.Inbound(PublicBase, Subscriber, "PAUSE 3").WithField("Body", "STOP");

        using var response = await webhook.PostAsync(App, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Inbound_WithoutSignature_IsForbidden()
    {
        using var response = await Fake.Inbound(PublicBase, Subscriber, "HELP").WithSignature(null).PostAsync(App, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Inbound_SignedWithAnotherToken_IsForbidden()
    {
        using var response = await Fake.Inbound(PublicBase, Subscriber, "HELP").SignedWith("not-the-token").PostAsync(App, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Inbound_SignedForAnotherHost_IsForbidden()
    {
        using var response = await Fake.Inbound("https://other.example.com", Subscriber, "HELP").PostAsync(App, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Status_ForATextSentThroughTheGateway_IsSignedForItsStatusCallbackUrl()
    {
        await using var harness = await TwilioHarness.StartAsync();
        await harness.Gateway().SendAsync(new OutboundSms(PhoneNumber.FromE164(Subscriber), "Hi", "2026-03-01"), Ct);
        var message = Assert.Single(harness.Fake.Messages);

        var webhook = harness.Fake.Status(message, "undelivered", errorCode: 30006);
        using var response = await webhook.PostAsync(App, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("undelivered", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("/api/sms/status?phone=%2B15551230123&delivery=2026-03-01", webhook.Url.PathAndQuery);
        Assert.Equal("30006", webhook["ErrorCode"]);
        Assert.Equal(message.Sid, webhook["MessageSid"]);
        Assert.Equal("2603011400", webhook["RawDlrDoneDate"]);
    }

    [Fact]
    public async Task FailRandomly_SameSeed_GivesTheSameFaultSequence()
    {
        async Task<List<FakeTwilioFault>> RunAsync()
        {
            await using var harness = await TwilioHarness.StartAsync();
            harness.Fake.FailRandomly(0.5, seed: 42, FakeTwilioFault.TooManyRequests, FakeTwilioFault.OptedOut);
            var client = harness.RestClient();
            var options = new global::Twilio.Rest.Api.V2010.Account.CreateMessageOptions(new global::Twilio.Types.PhoneNumber(Subscriber))
            {
                From = new global::Twilio.Types.PhoneNumber(FakeTwilioServer.DefaultFrom),
                Body = "x",
            };
            for (var i = 0; i < 20; i++)
            {
                try
                {
                    await global::Twilio.Rest.Api.V2010.Account.MessageResource.CreateAsync(options, client);
                }
                catch (global::Twilio.Exceptions.ApiException)
                {
                }
            }

            return [.. harness.Fake.Requests.Select(r => r.Fault)];
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(FakeTwilioFault.None, first);
        Assert.Contains(FakeTwilioFault.TooManyRequests, first);
    }
}
