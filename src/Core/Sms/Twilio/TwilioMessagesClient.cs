using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// The Messages resource of Twilio's 2010-04-01 REST API, written by hand (the SDK is not on our feed) and shaped
/// like the SDK's <c>MessageResource.CreateAsync</c>. One call, no retries: <see cref="TwilioSmsGateway"/> decides
/// those. The timeout runs on the injected clock; <see cref="HttpClient.Timeout"/> is switched off so it cannot
/// masquerade as a connect failure.
/// </summary>
public sealed class TwilioMessagesClient
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("Reminders", "1.0");

    private readonly HttpClient _http;
    private readonly IOptions<TwilioOptions> _options;
    private readonly TimeProvider _time;

    public TwilioMessagesClient(HttpClient http, IOptions<TwilioOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (http.Timeout != Timeout.InfiniteTimeSpan)
        {
            http.Timeout = Timeout.InfiniteTimeSpan;
        }

        _http = http;
        _options = options;
        _time = time;
    }

    /// <summary>
    /// <c>POST {ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded, Basic auth.
    /// </summary>
    /// <returns>The created message (HTTP 201).</returns>
    /// <exception cref="TwilioApiException">Twilio answered with an error status.</exception>
    /// <exception cref="TwilioTransportException">No readable answer; <see cref="TwilioTransportException.Failure"/> says whether the request left.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<TwilioMessage> CreateAsync(CreateMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = _options.Value;
        using var message = new HttpRequestMessage(HttpMethod.Post, MessagesUri(options));
        message.Headers.Authorization = BasicAuthorization(options);
        message.Headers.Accept.Add(Json);
        message.Headers.UserAgent.Add(UserAgent);
        message.Content = new FormUrlEncodedContent(request.ToFormFields());

        using var timeout = new CancellationTokenSource(options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new TwilioApiException(response.StatusCode, ParseError(body), RetryAfter(response));
            }

            return ParseMessage(body)
                ?? throw new TwilioTransportException(
                    TwilioTransportFailure.UnreadableSuccess,
                    $"Twilio answered HTTP {(int)response.StatusCode} but the body is not a Message resource.",
                    null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new TwilioTransportException(
                TwilioTransportFailure.TimedOut, $"No answer from Twilio within {options.RequestTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch (OperationCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            // SocketsHttpHandler.ConnectTimeout: the connection was never opened, so nothing was sent.
            throw new TwilioTransportException(TwilioTransportFailure.NotSent, "Could not connect to Twilio in time.", ex);
        }
        catch (HttpRequestException ex) when (NeverLeft(ex.HttpRequestError))
        {
            throw new TwilioTransportException(TwilioTransportFailure.NotSent, $"Could not connect to Twilio ({ex.HttpRequestError}).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TwilioTransportException(TwilioTransportFailure.ResponseLost, $"The connection to Twilio broke ({ex.HttpRequestError}).", ex);
        }
    }

    /// <summary>Errors raised before any byte of the request could reach Twilio.</summary>
    private static bool NeverLeft(HttpRequestError error) => error is
        HttpRequestError.NameResolutionError or
        HttpRequestError.ConnectionError or
        HttpRequestError.SecureConnectionError or
        HttpRequestError.ProxyTunnelError;

    private static Uri MessagesUri(TwilioOptions options) => new(
        options.ApiBaseUrl.TrimEnd('/') + "/2010-04-01/Accounts/" + Uri.EscapeDataString(options.AccountSid ?? string.Empty) + "/Messages.json",
        UriKind.Absolute);

    private static AuthenticationHeaderValue BasicAuthorization(TwilioOptions options)
    {
        var (user, password) = options.UsesApiKey
            ? (options.ApiKeySid!, options.ApiKeySecret ?? string.Empty)
            : (options.AccountSid ?? string.Empty, options.AuthToken ?? string.Empty);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? Max(date - _time.GetUtcNow(), TimeSpan.Zero) : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TwilioMessage? ParseMessage(byte[] body)
    {
        try
        {
            var message = JsonSerializer.Deserialize(body, TwilioJsonContext.Default.TwilioMessage);
            return message?.Sid is null ? null : message;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TwilioError? ParseError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, TwilioJsonContext.Default.TwilioError);
            return error is { Code: null, Message: null } ? null : error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
