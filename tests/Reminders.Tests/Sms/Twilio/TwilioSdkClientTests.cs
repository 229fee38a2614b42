using System.Net;
using System.Net.Sockets;
using System.Text;
using Reminders.Core.Sms;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles.FakeTwilio;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;

namespace Reminders.Tests.Sms.Twilio;

/// <summary>
/// The official SDK (<c>TwilioRestClient</c> on the named HttpClient, <c>MessageResource.CreateAsync</c>) against the
/// loopback fake: what goes over the wire, what comes back, and how transport failures surface.
/// </summary>
public sealed class TwilioSdkClientTests
{
    private const string To = "+15551230123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OutboundSms Nudge(string body = "Hug someone for 20 seconds today.") =>
        new(PhoneNumber.FromE164(To), body, "2026-03-01");

    private static CreateMessageOptions Request(TwilioHarness harness, string body = "Hug someone for 20 seconds today.") =>
        TwilioSmsGateway.BuildOptions(Nudge(body), harness.Options);

    /// <summary>One SDK call the way the gateway makes it, with the caller's token carried to the handlers.</summary>
    private static async Task<MessageResource> CreateAsync(TwilioHarness harness, CreateMessageOptions options, CancellationToken cancellationToken)
    {
        using (TwilioCall.Begin(new TwilioCall(cancellationToken)))
        {
            return await MessageResource.CreateAsync(options, harness.RestClient());
        }
    }

    private static async Task<TwilioTransportException> TransportFailureAsync(Task call)
    {
        var error = await Assert.ThrowsAsync<ApiConnectionException>(() => call);
        return Assert.IsType<TwilioTransportException>(error.InnerException);
    }

    [Fact]
    public async Task CreateAsync_AuthToken_SendsExactBasicHeaderJsonAcceptAndFormContentType()
    {
        await using var harness = await TwilioHarness.StartAsync();

        await CreateAsync(harness, Request(harness), Ct);

        var request = Assert.Single(harness.Fake.Requests);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{harness.Fake.AccountSid}:{harness.Fake.AuthToken}"));
        Assert.Equal(expected, request.Authorization);
        Assert.Equal($"/2010-04-01/Accounts/{harness.Fake.AccountSid}/Messages.json", request.Path);
        Assert.Equal("application/json", request.Accept);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ApiKeyPair_AuthenticatesWithKeyAndKeepsAccountSidInPath()
    {
        await using var harness = await TwilioHarness.StartAsync(o =>
        {
            o.ApiKeySid = FakeTwilioServer.DefaultApiKeySid;
            o.ApiKeySecret = FakeTwilioServer.DefaultApiKeySecret;
        });

        await CreateAsync(harness, Request(harness), Ct);

        var message = Assert.Single(harness.Fake.Messages);
        Assert.Equal(FakeTwilioServer.DefaultApiKeySid, message.AuthUser);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeTwilioServer.DefaultApiKeySid}:{FakeTwilioServer.DefaultApiKeySecret}"));
        Assert.Equal(expected, Assert.Single(harness.Fake.Requests).Authorization);
        Assert.Contains(harness.Fake.AccountSid, Assert.Single(harness.Fake.Requests).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_FromNumber_SendsExactlyTheExpectedFormFields()
    {
        await using var harness = await TwilioHarness.StartAsync();
        const string body = "Day 3: 2+2 hugs & a walk, café?";

        await CreateAsync(harness, Request(harness, body), Ct);

        var form = Assert.Single(harness.Fake.Requests).Form;
        Assert.Equal(["Body", "From", "StatusCallback", "To", "ValidityPeriod"], form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(To, form["To"]);
        Assert.Equal(FakeTwilioServer.DefaultFrom, form["From"]);
        Assert.Equal(body, form["Body"]);
        Assert.Equal("https://nudge.example.com/api/sms/status?phone=%2B15551230123&delivery=2026-03-01", form["StatusCallback"]);
        Assert.Equal("7200", form["ValidityPeriod"]);
    }

    [Fact]
    public async Task CreateAsync_MessagingService_SendsServiceSidAndNoFrom()
    {
        await using var harness = await TwilioHarness.StartAsync(o =>
        {
            o.From = null;
            o.MessagingServiceSid = FakeTwilioServer.DefaultMessagingServiceSid;
        });

        var created = await CreateAsync(harness, Request(harness, "Hi"), Ct);

        var form = Assert.Single(harness.Fake.Requests).Form;
        Assert.Equal(FakeTwilioServer.DefaultMessagingServiceSid, form["MessagingServiceSid"]);
        Assert.False(form.ContainsKey("From"));
        Assert.Equal(["Body", "MessagingServiceSid", "StatusCallback", "To", "ValidityPeriod"], form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(MessageResource.StatusEnum.Accepted, created.Status);
        Assert.Equal("0", created.NumSegments);
    }

    [Fact]
    public async Task CreateAsync_Created_ParsesTheMessageResource()
    {
        await using var harness = await TwilioHarness.StartAsync();

        var created = await CreateAsync(harness, Request(harness, new string('a', 161)), Ct);

        var recorded = Assert.Single(harness.Fake.Messages);
        Assert.Matches("^SM[0-9a-f]{32}$", created.Sid);
        Assert.Equal(recorded.Sid, created.Sid);
        Assert.Equal(MessageResource.StatusEnum.Queued, created.Status);
        Assert.Equal("2", created.NumSegments);
        Assert.Null(created.ErrorCode);
        Assert.Equal(To, created.To);
        Assert.Equal(harness.Fake.AccountSid, created.AccountSid);
        Assert.Equal(TwilioHarness.Start.UtcDateTime, created.DateCreated?.ToUniversalTime());
    }

    [Fact]
    public async Task CreateAsync_DefaultApiBaseUrl_IsLeftAlone()
    {
        var original = new Uri("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json");

        Assert.Equal(original, TwilioApiBaseUrlHandler.Rewrite(original, "https://api.twilio.com"));
        Assert.Equal(
            new Uri("http://127.0.0.1:5000/prefix/2010-04-01/Accounts/AC1/Messages.json"),
            TwilioApiBaseUrlHandler.Rewrite(original, "http://127.0.0.1:5000/prefix/"));
        Assert.Equal(
            new Uri("https://other.example/x"),
            TwilioApiBaseUrlHandler.Rewrite(new Uri("https://other.example/x"), "http://127.0.0.1:5000"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task CreateAsync_WrongAuthToken_ThrowsApiExceptionWith401And20003()
    {
        await using var harness = await TwilioHarness.StartAsync(o => o.AuthToken = "not-the-token");

        var error = await Assert.ThrowsAsync<ApiException>(() => CreateAsync(harness, Request(harness), Ct));

        Assert.Equal(401, error.Status);
        Assert.Equal(20003, error.Code);
        Assert.Equal("https://www.twilio.com/docs/errors/20003", error.MoreInfo);
        Assert.Empty(harness.Fake.Messages);
    }

    [Theory]
    [InlineData(FakeTwilioFault.OptedOut, 400, 21610, "Attempt to send to unsubscribed recipient")]
    [InlineData(FakeTwilioFault.InvalidNumber, 400, 21211, "The 'To' number +15551230123 is not a valid phone number.")]
    [InlineData(FakeTwilioFault.TooManyRequests, 429, 20429, "Too Many Requests")]
    [InlineData(FakeTwilioFault.ServiceUnavailable, 503, 20503, "Service Unavailable")]
    public async Task CreateAsync_ErrorAnswer_ParsesCodeMessageMoreInfoAndStatus(FakeTwilioFault fault, int status, int code, string message)
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(fault);

        var error = await Assert.ThrowsAsync<ApiException>(() => CreateAsync(harness, Request(harness), Ct));

        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", error.MoreInfo);
    }

    [Theory]
    [InlineData("5551230123", "Hi", 21211)]
    [InlineData(To, "", 21602)]
    public async Task CreateAsync_InvalidForm_FakeAnswersLikeTwilio(string to, string body, int code)
    {
        await using var harness = await TwilioHarness.StartAsync();
        var options = new CreateMessageOptions(new global::Twilio.Types.PhoneNumber(to))
        {
            From = new global::Twilio.Types.PhoneNumber(FakeTwilioServer.DefaultFrom),
            Body = body,
        };

        var error = await Assert.ThrowsAsync<ApiException>(() => CreateAsync(harness, options, Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task CreateAsync_HtmlGatewayError_ApiExceptionHasNoStatusButTheCallSawIt()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.BadGateway);
        var call = new TwilioCall(Ct);

        ApiException error;
        using (TwilioCall.Begin(call))
        {
            error = await Assert.ThrowsAsync<ApiException>(() => MessageResource.CreateAsync(Request(harness), harness.RestClient()));
        }

        Assert.Equal(0, error.Status);
        Assert.Equal(0, error.Code);
        Assert.Equal(HttpStatusCode.BadGateway, call.Status);
    }

    [Fact]
    public async Task CreateAsync_NothingListening_ThrowsNotSent()
    {
        await using var harness = await TwilioHarness.StartAsync(o => o.ApiBaseUrl = $"http://127.0.0.1:{FreePort()}");

        var error = await TransportFailureAsync(CreateAsync(harness, Request(harness), Ct));

        Assert.Equal(TwilioTransportFailure.NotSent, error.Failure);
        Assert.False(error.RequestMayHaveArrived);
    }

    [Fact]
    public async Task CreateAsync_ConnectionResetAfterRequest_ThrowsResponseLost()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.AbortConnection);

        var error = await TransportFailureAsync(CreateAsync(harness, Request(harness), Ct));

        Assert.Equal(TwilioTransportFailure.ResponseLost, error.Failure);
        Assert.True(error.RequestMayHaveArrived);
    }

    [Fact]
    public async Task CreateAsync_NoAnswer_TimesOutWhenTheInjectedClockPassesRequestTimeout()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.Hang);

        var call = CreateAsync(harness, Request(harness), Ct);
        await harness.Fake.WaitForRequestsAsync(1, Ct);
        await harness.Clock.WaitForTimerAsync(harness.Options.RequestTimeout, Ct);
        harness.Clock.Advance(harness.Options.RequestTimeout - TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));

        var error = await TransportFailureAsync(call);
        Assert.Equal(TwilioTransportFailure.TimedOut, error.Failure);
    }

    [Fact]
    public async Task CreateAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.Hang);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = CreateAsync(harness, Request(harness), cancel.Token);
        await harness.Fake.WaitForRequestsAsync(1, Ct);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<ApiConnectionException>(() => call);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    /// <summary>A loopback port with nothing listening (bound, then released).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
