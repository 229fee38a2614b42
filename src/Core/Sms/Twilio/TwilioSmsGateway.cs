using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// Sends texts through the official Twilio SDK: a <see cref="TwilioRestClient"/> built per send on the named
/// <see cref="HttpClientName"/> client from <see cref="IHttpClientFactory"/> (wrapped in <see cref="SystemNetHttpClient"/>),
/// and <see cref="MessageResource.CreateAsync(CreateMessageOptions, ITwilioRestClient)"/>. Never the static
/// <c>TwilioClient.Init</c>. Texts are paced with the shared pacer of their kind (<see cref="SendPacers"/>), retried only where
/// <see cref="TwilioSendPolicy"/> says Twilio certainly did not create them, and every other outcome becomes an
/// <see cref="SmsSendResult"/>. Only cancellation throws.
/// </summary>
public sealed partial class TwilioSmsGateway(
    IHttpClientFactory httpClients,
    SendPacers pacers,
    IOptions<TwilioOptions> options,
    TimeProvider time,
    ILogger<TwilioSmsGateway> logger) : ISmsGateway
{
    /// <summary>The value of <see cref="Name"/>.</summary>
    public const string GatewayName = "twilio";

    /// <summary>The named <see cref="System.Net.Http.HttpClient"/> the SDK sends with (base URL rewrite, timeout, connect limits).</summary>
    public const string HttpClientName = "Twilio";

    public string Name => GatewayName;

    public async Task<SmsSendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        await pacers.For(message.Kind).WaitTurnAsync(SmsSegmentCounter.Count(message.Body).Segments, cancellationToken);
        var client = CreateClient(httpClients, settings);

        for (var attempt = 1; ; attempt++)
        {
            var call = new TwilioCall(cancellationToken);
            SendFailure failure;
            try
            {
                MessageResource created;
                using (TwilioCall.Begin(call))
                {
                    created = await MessageResource.CreateAsync(BuildOptions(message, settings), client);
                }

                if (string.IsNullOrEmpty(created?.Sid))
                {
                    failure = SendFailure.Transport(TwilioTransportFailure.UnreadableSuccess, "Twilio answered with success but without a message SID.");
                }
                else
                {
                    var status = created.Status?.ToString();
                    LogAccepted(message.To.Masked, created.Sid, status, attempt);
                    return new SmsSendResult(SmsSendOutcome.Accepted, created.Sid, status, null, null);
                }
            }
            catch (ApiConnectionException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (ApiException ex)
            {
                failure = SendFailure.Api(ex, call);
            }
            catch (ApiConnectionException ex)
            {
                failure = ex.InnerException is TwilioTransportException transport
                    ? SendFailure.Transport(transport.Failure, transport.Message)
                    : SendFailure.Transport(TwilioTransportFailure.ResponseLost, ex.InnerException?.Message ?? ex.Message);
            }
            catch (Newtonsoft.Json.JsonException)
            {
                failure = SendFailure.Transport(TwilioTransportFailure.UnreadableSuccess, "Twilio answered with success but the body is not a Message resource.");
            }

            var verdict = failure.Verdict;
            switch (verdict)
            {
                case TwilioFailureVerdict.Rejected:
                    LogRejected(message.To.Masked, failure.StatusText, failure.Code);
                    return new SmsSendResult(SmsSendOutcome.Rejected, null, null, failure.Code, failure.Text);
                case TwilioFailureVerdict.Failed:
                    LogFailed(message.To.Masked, attempt, failure.StatusText, failure.Code);
                    return new SmsSendResult(SmsSendOutcome.Failed, null, null, failure.Code, failure.Text);
                case TwilioFailureVerdict.Unknown:
                    LogUnknown(message.To.Masked, failure.StatusText, failure.Code, failure.Text);
                    return new SmsSendResult(SmsSendOutcome.Unknown, null, null, failure.Code, failure.Text);
            }

            var delay = attempt < settings.MaxAttempts
                ? TwilioSendPolicy.RetryDelay(attempt, settings.RetryBaseDelay, settings.MaxRetryDelay, failure.RetryAfter, NextJitter())
                : null;
            if (delay is not { } wait)
            {
                LogFailed(message.To.Masked, attempt, failure.StatusText, failure.Code);
                return new SmsSendResult(SmsSendOutcome.Failed, null, null, failure.Code, $"{failure.Text} (gave up after {attempt} attempt(s))");
            }

            LogRetrying(message.To.Masked, attempt, failure.StatusText, failure.Code, wait);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>
    /// A client with the API key pair when one is configured (the Account SID stays in the path), else the Account
    /// SID and Auth Token. Region and edge stay unset, so the SDK addresses https://api.twilio.com, which
    /// <see cref="TwilioApiBaseUrlHandler"/> moves to <see cref="TwilioOptions.ApiBaseUrl"/>.
    /// </summary>
    internal static TwilioRestClient CreateClient(IHttpClientFactory httpClients, TwilioOptions settings)
    {
        var http = new SystemNetHttpClient(httpClients.CreateClient(HttpClientName));
        return settings.UsesApiKey
            ? new TwilioRestClient(settings.ApiKeySid, settings.ApiKeySecret, accountSid: settings.AccountSid, httpClient: http)
            : new TwilioRestClient(settings.AccountSid, settings.AuthToken, accountSid: settings.AccountSid, httpClient: http);
    }

    internal static CreateMessageOptions BuildOptions(OutboundSms message, TwilioOptions settings)
    {
        var useService = !string.IsNullOrWhiteSpace(settings.MessagingServiceSid);
        return new CreateMessageOptions(new global::Twilio.Types.PhoneNumber(message.To.Value))
        {
            From = useService ? null : new global::Twilio.Types.PhoneNumber(settings.From),
            MessagingServiceSid = useService ? settings.MessagingServiceSid : null,
            Body = message.Body,
            StatusCallback = string.IsNullOrEmpty(settings.WebhookBaseUrl)
                ? null
                : new Uri(TwilioWebhooks.StatusCallbackUrl(settings.WebhookBaseUrl, message.To, message.DeliveryKey)),
            ValidityPeriod = (int)Math.Ceiling(settings.ValidityPeriod.TotalSeconds),
        };
    }

    // Retry jitter only spreads concurrent senders apart; it needs no cryptographic quality.
    private static double NextJitter() => Random.Shared.NextDouble();

    /// <summary>One failed attempt, as the policy and the logs see it.</summary>
    private readonly record struct SendFailure(
        TwilioFailureVerdict Verdict, string StatusText, int? Code, string Text, TimeSpan? RetryAfter)
    {
        public static SendFailure Api(ApiException ex, TwilioCall call)
        {
            // Status is 0 when Twilio's answer was not its error JSON (an empty 503, a proxy page); the wire knows it.
            var status = ex.Status != 0 ? ex.Status : (int?)call.Status ?? 0;
            int? code = ex.Code != 0 ? ex.Code
                : status == (int)System.Net.HttpStatusCode.TooManyRequests ? TwilioSendPolicy.TooManyRequestsCode
                : null;
            var twilioText = ex.Status != 0 ? MaskNumbers(ex.Message) : null;
            var text = string.IsNullOrEmpty(twilioText)
                ? $"HTTP {status} from Twilio"
                : $"HTTP {status}: {twilioText}";
            return new SendFailure(
                TwilioSendPolicy.Classify(status, code),
                status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                code,
                text,
                call.RetryAfter);
        }

        public static SendFailure Transport(TwilioTransportFailure failure, string text) =>
            new(TwilioSendPolicy.Classify(failure), failure.ToString(), null, text, null);
    }

    /// <summary>Twilio's error texts may quote the number ("The 'To' number +1555… is not valid"); keep only its last digits.</summary>
    internal static string? MaskNumbers(string? text) =>
        text is null ? null : PhoneLike().Replace(text, match => PhoneNumber.Mask(match.Value));

    [GeneratedRegex(@"\+?\d{6,15}", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLike();

    // One per text: Debug (the batch summary and the message log account for accepted texts).
    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "Twilio accepted a text to {Phone}: {Sid} {Status} (attempt {Attempt})")]
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
