using System.Net;
using System.Net.Sockets;
using System.Text;
using Reminders.Core.Sms.Twilio;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.Twilio;

public sealed class TwilioMessagesClientTests
{
    private const string To = "+15551230123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CreateMessageRequest Request(string body = "Hug someone for 20 seconds today.") =>
        new(To, body)
        {
            From = FakeTwilioServer.DefaultFrom,
            StatusCallback = "https://nudge.example.com/api/sms/status?phone=%2B15551230123&delivery=2026-03-01",
            ValidityPeriodSeconds = 7200,
        };

    [Fact]
    public async Task CreateAsync_AuthToken_SendsExactBasicHeaderJsonAcceptAndFormContentType()
    {
        await using var harness = await TwilioHarness.StartAsync();

        await harness.Client().CreateAsync(Request(), Ct);

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

        await harness.Client().CreateAsync(Request(), Ct);

        var message = Assert.Single(harness.Fake.Messages);
        Assert.Equal(FakeTwilioServer.DefaultApiKeySid, message.AuthUser);
        Assert.Contains(harness.Fake.AccountSid, Assert.Single(harness.Fake.Requests).Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_FromNumber_SendsExactlyTheExpectedFormFields()
    {
        await using var harness = await TwilioHarness.StartAsync();
        const string body = "Day 3: 2+2 hugs & a walk, café?";

        await harness.Client().CreateAsync(Request(body), Ct);

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
        await using var harness = await TwilioHarness.StartAsync();
        var request = new CreateMessageRequest(To, "Hi") { MessagingServiceSid = FakeTwilioServer.DefaultMessagingServiceSid };

        var created = await harness.Client().CreateAsync(request, Ct);

        var form = Assert.Single(harness.Fake.Requests).Form;
        Assert.Equal(FakeTwilioServer.DefaultMessagingServiceSid, form["MessagingServiceSid"]);
        Assert.False(form.ContainsKey("From"));
        Assert.Equal("accepted", created.Status);
        Assert.Equal(0, created.Segments);
    }

    [Fact]
    public async Task CreateAsync_Created_ParsesTheMessageResource()
    {
        await using var harness = await TwilioHarness.StartAsync();

        var created = await harness.Client().CreateAsync(Request(new string('a', 161)), Ct);

        var recorded = Assert.Single(harness.Fake.Messages);
        Assert.Matches("^SM[0-9a-f]{32}$", created.Sid);
        Assert.Equal(recorded.Sid, created.Sid);
        Assert.Equal("queued", created.Status);
        Assert.Equal("2", created.NumSegments);
        Assert.Equal(2, created.Segments);
        Assert.Null(created.ErrorCode);
        Assert.Equal(To, created.To);
        Assert.Equal(harness.Fake.AccountSid, created.AccountSid);
        Assert.Equal("Sun, 01 Mar 2026 14:00:00 +0000", created.DateCreated);
        Assert.Equal(TwilioHarness.Start, created.CreatedAt);
    }

    [Fact]
    public async Task CreateAsync_WrongAuthToken_ThrowsApiExceptionWith401And20003()
    {
        await using var harness = await TwilioHarness.StartAsync(o => o.AuthToken = "not-the-token");

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Client().CreateAsync(Request(), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(20003, error.Code);
        Assert.Equal(401, error.Error!.Status);
        Assert.Equal("https://www.twilio.com/docs/errors/20003", error.Error.MoreInfo);
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

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Client().CreateAsync(Request(), Ct));

        Assert.Equal(status, (int)error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Error!.Message);
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", error.Error.MoreInfo);
        Assert.Equal(status, error.Error.Status);
    }

    [Theory]
    [InlineData("5551230123", "Hi", 21211)]
    [InlineData("", "Hi", 21604)]
    [InlineData(To, "", 21602)]
    public async Task CreateAsync_InvalidForm_FakeAnswersLikeTwilio(string to, string body, int code)
    {
        await using var harness = await TwilioHarness.StartAsync();

        var error = await Assert.ThrowsAsync<TwilioApiException>(
            () => harness.Client().CreateAsync(new CreateMessageRequest(to, body) { From = FakeTwilioServer.DefaultFrom }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task CreateAsync_HtmlGatewayError_ThrowsApiExceptionWithoutTwilioBody()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.BadGateway);

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => harness.Client().CreateAsync(Request(), Ct));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.Error);
    }

    [Fact]
    public async Task CreateAsync_NothingListening_ThrowsNotSent()
    {
        await using var harness = await TwilioHarness.StartAsync(o => o.ApiBaseUrl = $"http://127.0.0.1:{FreePort()}");

        var error = await Assert.ThrowsAsync<TwilioTransportException>(() => harness.Client().CreateAsync(Request(), Ct));

        Assert.Equal(TwilioTransportFailure.NotSent, error.Failure);
        Assert.False(error.RequestMayHaveArrived);
    }

    [Fact]
    public async Task CreateAsync_ConnectionResetAfterRequest_ThrowsResponseLost()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.AbortConnection);

        var error = await Assert.ThrowsAsync<TwilioTransportException>(() => harness.Client().CreateAsync(Request(), Ct));

        Assert.Equal(TwilioTransportFailure.ResponseLost, error.Failure);
        Assert.True(error.RequestMayHaveArrived);
    }

    [Fact]
    public async Task CreateAsync_NoAnswer_TimesOutWhenTheInjectedClockPassesRequestTimeout()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.Hang);

        var call = harness.Client().CreateAsync(Request(), Ct);
        await harness.Fake.WaitForRequestsAsync(1, Ct);
        harness.Clock.Advance(harness.Options.RequestTimeout - TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<TwilioTransportException>(() => call);
        Assert.Equal(TwilioTransportFailure.TimedOut, error.Failure);
    }

    [Fact]
    public async Task CreateAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.Hang);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = harness.Client().CreateAsync(Request(), cancel.Token);
        await harness.Fake.WaitForRequestsAsync(1, Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    /// <summary>A loopback port with nothing listening (bound, then released).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
