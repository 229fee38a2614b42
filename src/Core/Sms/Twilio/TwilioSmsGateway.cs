using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// Sends texts through Twilio: paces them with the shared <see cref="SendPacer"/>, retries only where
/// <see cref="TwilioSendPolicy"/> says Twilio certainly did not create the message, and turns every other
/// outcome into an <see cref="SmsSendResult"/>. Only cancellation throws.
/// </summary>
public sealed partial class TwilioSmsGateway(
    TwilioMessagesClient client,
    SendPacer pacer,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<TwilioSmsGateway> logger) : ISmsGateway
{
    /// <summary>The value of <see cref="Name"/>.</summary>
    public const string GatewayName = "twilio";

    public string Name => GatewayName;

    public async Task<SmsSendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var request = BuildRequest(message, settings);
        await pacer.WaitTurnAsync(SmsSegmentCounter.Count(message.Body).Segments, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            try
            {
                var created = await client.CreateAsync(request, cancellationToken);
                LogAccepted(message.To.Masked, created.Sid, created.Status, attempt);
                return new SmsSendResult(SmsSendOutcome.Accepted, created.Sid, created.Status, null, null);
            }
            catch (TwilioApiException ex)
            {
                failure = ex;
            }
            catch (TwilioTransportException ex)
            {
                failure = ex;
            }

            var verdict = TwilioSendPolicy.Classify(failure);
            var (code, text) = Describe(failure);
            switch (verdict)
            {
                case TwilioFailureVerdict.Rejected:
                    LogRejected(message.To.Masked, StatusOf(failure), code);
                    return new SmsSendResult(SmsSendOutcome.Rejected, null, null, code, text);
                case TwilioFailureVerdict.Failed:
                    LogFailed(message.To.Masked, attempt, StatusOf(failure), code);
                    return new SmsSendResult(SmsSendOutcome.Failed, null, null, code, text);
                case TwilioFailureVerdict.Unknown:
                    LogUnknown(message.To.Masked, StatusOf(failure), code, failure.Message);
                    return new SmsSendResult(SmsSendOutcome.Unknown, null, null, code, text);
            }

            var delay = attempt < settings.MaxAttempts
                ? TwilioSendPolicy.RetryDelay(
                    attempt, settings.RetryBaseDelay, settings.MaxRetryDelay, (failure as TwilioApiException)?.RetryAfter, NextJitter())
                : null;
            if (delay is not { } wait)
            {
                LogFailed(message.To.Masked, attempt, StatusOf(failure), code);
                return new SmsSendResult(SmsSendOutcome.Failed, null, null, code, $"{text} (gave up after {attempt} attempt(s))");
            }

            LogRetrying(message.To.Masked, attempt, StatusOf(failure), code, wait);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static CreateMessageRequest BuildRequest(OutboundSms message, TwilioOptions settings) =>
        new(message.To.Value, message.Body)
        {
            From = string.IsNullOrWhiteSpace(settings.MessagingServiceSid) ? settings.From : null,
            MessagingServiceSid = string.IsNullOrWhiteSpace(settings.MessagingServiceSid) ? null : settings.MessagingServiceSid,
            StatusCallback = string.IsNullOrEmpty(settings.WebhookBaseUrl)
                ? null
                : TwilioWebhooks.StatusCallbackUrl(settings.WebhookBaseUrl, message.To, message.DeliveryKey),
            ValidityPeriodSeconds = (int)Math.Ceiling(settings.ValidityPeriod.TotalSeconds),
        };

    // Retry jitter only spreads concurrent senders apart; it needs no cryptographic quality.
    private static double NextJitter() => Random.Shared.NextDouble();

    private static (int? Code, string Text) Describe(Exception failure) => failure switch
    {
        TwilioApiException api => (
            api.Code ?? (api.StatusCode == System.Net.HttpStatusCode.TooManyRequests ? TwilioSendPolicy.TooManyRequestsCode : null),
            MaskNumbers(api.Error?.Message) is { Length: > 0 } twilioText
                ? $"HTTP {(int)api.StatusCode}: {twilioText}"
                : $"HTTP {(int)api.StatusCode} from Twilio"),
        _ => (null, failure.Message),
    };

    private static string StatusOf(Exception failure) => failure switch
    {
        TwilioApiException api => ((int)api.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        TwilioTransportException transport => transport.Failure.ToString(),
        _ => failure.GetType().Name,
    };

    /// <summary>Twilio's error texts may quote the number ("The 'To' number +1555… is not valid"); keep only its last digits.</summary>
    internal static string? MaskNumbers(string? text) =>
        text is null ? null : PhoneLike().Replace(text, match => PhoneNumber.Mask(match.Value));

    [GeneratedRegex(@"\+?\d{6,15}", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLike();

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Twilio accepted a text to {Phone}: {Sid} {Status} (attempt {Attempt})")]
    private partial void LogAccepted(string phone, string? sid, string? status, int attempt);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Twilio did not take a text to {Phone} (attempt {Attempt}, {Status}, code {Code}); retrying in {Delay}")]
    private partial void LogRetrying(string phone, int attempt, string status, int? code, TimeSpan delay);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Twilio rejected a text to {Phone} ({Status}, code {Code})")]
    private partial void LogRejected(string phone, string status, int? code);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error, Message = "Twilio did not take a text to {Phone} after {Attempts} attempt(s) ({Status}, code {Code})")]
    private partial void LogFailed(string phone, int attempts, string status, int? code);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "A text to {Phone} may or may not have been created ({Status}, code {Code}): {Reason}; not retried")]
    private partial void LogUnknown(string phone, string status, int? code, string reason);
}
