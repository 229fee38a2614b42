using Reminders.Core.Sms;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.Sms.Twilio;

public sealed class TwilioSmsGatewayTests
{
    private static readonly PhoneNumber To = PhoneNumber.FromE164("+15551230123");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OutboundSms Nudge(string? deliveryKey = "2026-03-01") => new(To, "Look up and smile at someone today.", deliveryKey);

    /// <summary>A retry wait: at most <see cref="TwilioOptions.MaxRetryDelay"/>, unlike the request timeout timer.</summary>
    private static Func<TimeSpan, bool> RetryWait(TwilioHarness harness) => due => due <= harness.Options.MaxRetryDelay;

    [Fact]
    public async Task SendAsync_Created_ReturnsAcceptedWithSidStatusCallbackAndValidityPeriod()
    {
        await using var harness = await TwilioHarness.StartAsync();

        var result = await harness.Gateway().SendAsync(Nudge(), Ct);

        var message = Assert.Single(harness.Fake.Messages);
        Assert.Equal(new SmsSendResult(SmsSendOutcome.Accepted, message.Sid, "queued", null, null), result);
        Assert.Equal("https://nudge.example.com/api/sms/status?phone=%2B15551230123&delivery=2026-03-01", message.StatusCallback);
        Assert.Equal("7200", message.ValidityPeriod);
        Assert.Equal(FakeTwilioServer.DefaultFrom, message.From);
        Assert.Equal("twilio", harness.Gateway().Name);
    }

    [Fact]
    public async Task SendAsync_NoDeliveryKey_StatusCallbackCarriesOnlyThePhone()
    {
        await using var harness = await TwilioHarness.StartAsync();

        await harness.Gateway().SendAsync(Nudge(deliveryKey: null), Ct);

        Assert.Equal("https://nudge.example.com/api/sms/status?phone=%2B15551230123", Assert.Single(harness.Fake.Messages).StatusCallback);
    }

    [Fact]
    public async Task SendAsync_NoWebhookBaseUrl_SendsNoStatusCallback()
    {
        await using var harness = await TwilioHarness.StartAsync(o => o.WebhookBaseUrl = null);

        await harness.Gateway().SendAsync(Nudge(), Ct);

        Assert.False(Assert.Single(harness.Fake.Requests).Form.ContainsKey("StatusCallback"));
    }

    [Fact]
    public async Task SendAsync_MessagingService_SendsServiceSidInsteadOfFrom()
    {
        await using var harness = await TwilioHarness.StartAsync(o =>
        {
            o.From = null;
            o.MessagingServiceSid = FakeTwilioServer.DefaultMessagingServiceSid;
        });

        var result = await harness.Gateway().SendAsync(Nudge(), Ct);

        var message = Assert.Single(harness.Fake.Messages);
        Assert.Null(message.From);
        Assert.Equal(FakeTwilioServer.DefaultMessagingServiceSid, message.MessagingServiceSid);
        Assert.Equal("accepted", result.ProviderStatus);
    }

    [Theory]
    [InlineData(FakeTwilioFault.TooManyRequests)]
    [InlineData(FakeTwilioFault.ServiceUnavailable)]
    public async Task SendAsync_RefusedOnceBeforeAcceptance_RetriesAfterBackoffOnTheClock(FakeTwilioFault fault)
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(fault);

        var send = harness.Gateway().SendAsync(Nudge(), Ct);
        await harness.Clock.WaitForTimerAsync(RetryWait(harness), Ct);
        var wait = Assert.Single(harness.Clock.PendingTimers);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1200));
        Assert.Single(harness.Fake.Requests);
        Assert.False(send.IsCompleted);
        harness.Clock.Advance(wait);
        var result = await send;

        Assert.Equal(SmsSendOutcome.Accepted, result.Outcome);
        Assert.Equal(2, harness.Fake.Requests.Count);
        Assert.Equal(result.MessageId, Assert.Single(harness.Fake.Messages).Sid);
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailableEveryTime_FailsAfterMaxAttemptsWithGrowingWaits()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.ServiceUnavailable, FakeTwilioFault.ServiceUnavailable, FakeTwilioFault.ServiceUnavailable);

        var send = harness.Gateway().SendAsync(Nudge(), Ct);
        var waits = new List<TimeSpan>();
        for (var retry = 1; retry < harness.Options.MaxAttempts; retry++)
        {
            await harness.Clock.WaitForTimerAsync(RetryWait(harness), Ct);
            waits.Add(Assert.Single(harness.Clock.PendingTimers));
            harness.Clock.Advance(waits[^1]);
        }

        var result = await send;

        Assert.Equal(SmsSendOutcome.Failed, result.Outcome);
        Assert.Equal(20503, result.ErrorCode);
        Assert.Contains("gave up after 3 attempt(s)", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, harness.Fake.Requests.Count);
        Assert.Empty(harness.Fake.Messages);
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1200));
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(1600), TimeSpan.FromMilliseconds(2400));
    }

    [Fact]
    public async Task SendAsync_NothingListening_RetriesConnectFailuresThenFails()
    {
        var counting = new CountingHandler();
        await using var harness = await TwilioHarness.StartAsync(o => o.ApiBaseUrl = $"http://127.0.0.1:{TwilioSdkClientTests.FreePort()}");

        var send = harness.Gateway(counting).SendAsync(Nudge(), Ct);
        for (var retry = 1; retry < harness.Options.MaxAttempts; retry++)
        {
            await harness.Clock.WaitForTimerAsync(RetryWait(harness), Ct);
            harness.Clock.Advance(harness.Options.MaxRetryDelay);
        }

        var result = await send;

        Assert.True(SmsSendOutcome.Failed == result.Outcome, result.ErrorMessage);
        Assert.Equal(3, counting.Count);
        Assert.Null(result.ErrorCode);
    }

    [Theory]
    [InlineData(FakeTwilioFault.InternalServerError, 20500)]
    [InlineData(FakeTwilioFault.BadGateway, null)]
    [InlineData(FakeTwilioFault.GatewayTimeout, null)]
    public async Task SendAsync_ServerErrorThatMayFollowCreation_ReturnsUnknownAfterOneAttempt(FakeTwilioFault fault, int? code)
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(fault);

        var result = await harness.Gateway().SendAsync(Nudge(), Ct);

        Assert.Equal(SmsSendOutcome.Unknown, result.Outcome);
        Assert.Equal(code, result.ErrorCode);
        Assert.Null(result.MessageId);
        Assert.Single(harness.Fake.Requests);
        Assert.Empty(harness.Clock.PendingTimers);
    }

    [Fact]
    public async Task SendAsync_NoAnswerUntilTimeout_ReturnsUnknownAndNeverRetries()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.AcceptThenHang);

        var send = harness.Gateway().SendAsync(Nudge(), Ct);
        await harness.Fake.WaitForRequestsAsync(1, Ct);
        harness.Clock.Advance(harness.Options.RequestTimeout);
        var result = await send;

        Assert.Equal(SmsSendOutcome.Unknown, result.Outcome);
        Assert.Contains("within 15 s", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(harness.Fake.Requests);
        Assert.Single(harness.Fake.Messages);
        Assert.Empty(harness.Clock.PendingTimers);
    }

    [Fact]
    public async Task SendAsync_ConnectionResetAfterRequest_ReturnsUnknownAfterOneAttempt()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.AbortConnection);

        var result = await harness.Gateway().SendAsync(Nudge(), Ct);

        Assert.Equal(SmsSendOutcome.Unknown, result.Outcome);
        Assert.Single(harness.Fake.Requests);
    }

    [Theory]
    [InlineData(FakeTwilioFault.OptedOut, 21610)]
    [InlineData(FakeTwilioFault.InvalidNumber, 21211)]
    [InlineData(FakeTwilioFault.NotMobile, 21614)]
    public async Task SendAsync_RecipientRefused_ReturnsRejectedWithCodeAfterOneAttempt(FakeTwilioFault fault, int code)
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.FailRecipient(To.Value, fault);

        var result = await harness.Gateway().SendAsync(Nudge(), Ct);

        Assert.Equal(SmsSendOutcome.Rejected, result.Outcome);
        Assert.Equal(code, result.ErrorCode);
        Assert.Single(harness.Fake.Requests);
        Assert.DoesNotContain(To.Value, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WrongCredentials_ReturnsRejected20003()
    {
        await using var harness = await TwilioHarness.StartAsync(o => o.AuthToken = "wrong");

        var result = await harness.Gateway().SendAsync(Nudge(), Ct);

        Assert.Equal(SmsSendOutcome.Rejected, result.Outcome);
        Assert.Equal(20003, result.ErrorCode);
    }

    [Fact]
    public async Task SendAsync_CancelledDuringBackoff_ThrowsAndSendsNoMore()
    {
        await using var harness = await TwilioHarness.StartAsync();
        harness.Fake.EnqueueFaults(FakeTwilioFault.TooManyRequests);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var send = harness.Gateway().SendAsync(Nudge(), cancel.Token);
        await harness.Clock.WaitForTimerAsync(RetryWait(harness), Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(harness.Fake.Requests);
    }

    [Fact]
    public async Task SendAsync_TwoTextsAtOnePerSecond_SecondWaitsForTheClock()
    {
        await using var harness = await TwilioHarness.StartAsync(messagesPerSecond: 1);
        var gateway = harness.Gateway();

        var first = await gateway.SendAsync(Nudge(), Ct);
        var second = gateway.SendAsync(Nudge("2026-03-01-more1"), Ct);
        await harness.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(1), Ct);
        Assert.Single(harness.Fake.Requests);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(SmsSendOutcome.Accepted, first.Outcome);
        Assert.Equal(SmsSendOutcome.Accepted, (await second).Outcome);
        Assert.Equal(2, harness.Fake.Messages.Count);
    }

    [Fact]
    public async Task SendAsync_ThirtyPercentMixedFaults_NeverCreatesAMessageTwice()
    {
        await using var harness = await TwilioHarness.StartAsync(o => o.RetryBaseDelay = TimeSpan.Zero);
        harness.Fake.FailRandomly(0.3, seed: 7, FakeTwilioFault.TooManyRequests, FakeTwilioFault.InternalServerError,
            FakeTwilioFault.ServiceUnavailable, FakeTwilioFault.AcceptThenHang);
        var gateway = harness.Gateway();
        var results = new List<(OutboundSms Sms, SmsSendResult Result)>();

        for (var i = 0; i < 40; i++)
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            var sms = new OutboundSms(PhoneNumber.FromE164($"+1555000{i:0000}"), $"Nudge {i}", "2026-03-01");
            var seen = harness.Fake.Requests.Count;
            var send = gateway.SendAsync(sms, Ct);
            while (true)
            {
                await Task.WhenAny(send, harness.Fake.WaitForRequestsAsync(seen + 1, Ct));
                if (send.IsCompleted)
                {
                    break;
                }

                // A hanging request only ends when its timeout runs out on the clock.
                if (harness.Fake.Requests[seen++].Fault is FakeTwilioFault.Hang or FakeTwilioFault.AcceptThenHang)
                {
                    harness.Clock.Advance(harness.Options.RequestTimeout);
                }
            }

            results.Add((sms, await send));
        }

        foreach (var (sms, result) in results)
        {
            var created = harness.Fake.Messages.Count(m => m.To == sms.To.Value);
            Assert.True(created <= 1, $"{sms.Body} was created {created} times");
            if (result.Outcome == SmsSendOutcome.Accepted)
            {
                Assert.Equal(1, created);
            }
        }

        Assert.Contains(results, r => r.Result.Outcome == SmsSendOutcome.Unknown);
        Assert.True(results.Count(r => r.Result.Outcome == SmsSendOutcome.Accepted) >= 20);
    }
}
