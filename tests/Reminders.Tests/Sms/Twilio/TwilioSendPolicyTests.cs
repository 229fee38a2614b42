using Reminders.Core.Sms.Twilio;

namespace Reminders.Tests.Sms.Twilio;

public sealed class TwilioSendPolicyTests
{
    [Theory]
    [InlineData(429, 20429, TwilioFailureVerdict.Retry)]
    [InlineData(503, 20503, TwilioFailureVerdict.Retry)]
    [InlineData(503, null, TwilioFailureVerdict.Retry)]
    [InlineData(500, 20500, TwilioFailureVerdict.Unknown)]
    [InlineData(502, null, TwilioFailureVerdict.Unknown)]
    [InlineData(504, null, TwilioFailureVerdict.Unknown)]
    [InlineData(400, 21610, TwilioFailureVerdict.Rejected)]
    [InlineData(400, 21211, TwilioFailureVerdict.Rejected)]
    [InlineData(400, 21614, TwilioFailureVerdict.Rejected)]
    [InlineData(401, 20003, TwilioFailureVerdict.Rejected)]
    [InlineData(400, 21611, TwilioFailureVerdict.Failed)]
    [InlineData(302, null, TwilioFailureVerdict.Unknown)]
    public void Classify_ApiError_FollowsThePolicy(int status, int? code, TwilioFailureVerdict expected)
    {
        Assert.Equal(expected, TwilioSendPolicy.Classify(status, code));
    }

    [Theory]
    [InlineData(TwilioTransportFailure.NotSent, TwilioFailureVerdict.Retry)]
    [InlineData(TwilioTransportFailure.TimedOut, TwilioFailureVerdict.Unknown)]
    [InlineData(TwilioTransportFailure.ResponseLost, TwilioFailureVerdict.Unknown)]
    [InlineData(TwilioTransportFailure.UnreadableSuccess, TwilioFailureVerdict.Unknown)]
    public void Classify_TransportFailure_RetriesOnlyWhenNothingWasSent(TwilioTransportFailure failure, TwilioFailureVerdict expected)
    {
        Assert.Equal(expected, TwilioSendPolicy.Classify(failure));
    }

    [Theory]
    [InlineData(1, 0.0, 800)]
    [InlineData(1, 0.5, 1000)]
    [InlineData(2, 0.0, 1600)]
    [InlineData(3, 0.5, 4000)]
    [InlineData(5, 0.5, 10000)]
    public void RetryDelay_DoublesPerRetryWithJitterAndCap(int retry, double jitter, int expectedMs)
    {
        var delay = TwilioSendPolicy.RetryDelay(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), null, jitter);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void RetryDelay_RetryAfterLongerThanBackoff_WaitsForRetryAfter()
    {
        Assert.Equal(
            TimeSpan.FromSeconds(4),
            TwilioSendPolicy.RetryDelay(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4), 0.5));
    }

    [Fact]
    public void RetryDelay_RetryAfterBeyondTheCap_GivesUp()
    {
        Assert.Null(TwilioSendPolicy.RetryDelay(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), 0.5));
    }
}
