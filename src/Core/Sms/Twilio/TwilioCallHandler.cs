using Microsoft.Extensions.Options;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// Runs each SDK request under the caller's token and <see cref="TwilioOptions.RequestTimeout"/> on the injected
/// clock (the SDK passes no token of its own), reads the whole answer inside that limit, records the status and
/// <c>Retry-After</c> on the current <see cref="TwilioCall"/>, and turns transport failures into a
/// <see cref="TwilioTransportException"/> that says whether the request can have reached Twilio. The SDK wraps it
/// in its <c>ApiConnectionException</c>.
/// </summary>
public sealed class TwilioCallHandler(IOptions<TwilioOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = TwilioCall.Current;
        var callerToken = call?.CancellationToken ?? CancellationToken.None;
        var limit = options.Value.RequestTimeout;
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, cancellationToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token);
            await response.Content.LoadIntoBufferAsync(linked.Token);
            if (call is not null)
            {
                call.Status = response.StatusCode;
                call.RetryAfter = RetryAfter(response);
            }

            return response;
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested || cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TwilioTransportException(
                TwilioTransportFailure.TimedOut, $"No answer from Twilio within {limit.TotalSeconds:0.#} s.", ex);
        }
        catch (OperationCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            // SocketsHttpHandler.ConnectTimeout: the connection was never opened, so nothing was sent.
            response?.Dispose();
            throw new TwilioTransportException(TwilioTransportFailure.NotSent, "Could not connect to Twilio in time.", ex);
        }
        catch (HttpRequestException ex) when (NeverLeft(ex.HttpRequestError))
        {
            response?.Dispose();
            throw new TwilioTransportException(TwilioTransportFailure.NotSent, $"Could not connect to Twilio ({ex.HttpRequestError}).", ex);
        }
        catch (HttpRequestException ex)
        {
            response?.Dispose();
            throw new TwilioTransportException(TwilioTransportFailure.ResponseLost, $"The connection to Twilio broke ({ex.HttpRequestError}).", ex);
        }
    }

    /// <summary>Errors raised before any byte of the request could reach Twilio.</summary>
    private static bool NeverLeft(HttpRequestError error) => error is
        HttpRequestError.NameResolutionError or
        HttpRequestError.ConnectionError or
        HttpRequestError.SecureConnectionError or
        HttpRequestError.ProxyTunnelError;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var left = date - time.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        return null;
    }
}
