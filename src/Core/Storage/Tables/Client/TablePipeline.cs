using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// Sends one logical request: builds a fresh message per attempt, stamps <c>x-ms-date</c> from the injected clock and
/// the version headers, signs it, and retries with exponential backoff only for 408, 429, 500, 502, 503, 504,
/// network errors and timeouts (never 409 or 412). Delays wait on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class TablePipeline
{
    private readonly HttpClient _http;
    private readonly TableAuthorizer _authorizer;
    private readonly TimeProvider _time;
    private readonly TableClientOptions _options;
    private readonly ILogger _logger;
    private readonly string _endpointBase;

    public TablePipeline(Uri endpoint, HttpClient http, TableAuthorizer authorizer, TimeProvider time, TableClientOptions options, ILogger logger)
    {
        Endpoint = endpoint;
        _http = http;
        _authorizer = authorizer;
        _time = time;
        _options = options;
        _logger = logger;
        _endpointBase = endpoint.AbsoluteUri.TrimEnd('/');
    }

    public Uri Endpoint { get; }

    public TimeProvider Time => _time;

    /// <summary>An absolute URI under the endpoint; <paramref name="pathAndQuery"/> must already be escaped.</summary>
    public Uri CreateUri(string pathAndQuery) => new(_endpointBase + "/" + pathAndQuery);

    public static bool IsRetriable(HttpStatusCode status) => (int)status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// Sends the request built by <paramref name="createRequest"/>, retrying transient failures. Returns the final
    /// response whatever its status; the caller disposes it.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string operation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = createRequest();
            request.Headers.TryAddWithoutValidation("x-ms-date", _time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("x-ms-version", TableClientOptions.ServiceVersion);
            request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
            request.Headers.TryAddWithoutValidation("MaxDataServiceVersion", "3.0;NetFx");
            if (request.Headers.Accept.Count == 0)
            {
                request.Headers.TryAddWithoutValidation("Accept", "application/json;odata=minimalmetadata");
            }

            await _authorizer.AuthorizeAsync(request, cancellationToken);

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < _options.MaxRetries)
            {
                var delay = Backoff(attempt);
                LogRetryAfterError(ex, operation, attempt + 1, delay);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt < _options.MaxRetries)
            {
                var delay = Backoff(attempt);
                LogRetryAfterError(ex, operation, attempt + 1, delay);
                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new TableRequestFailedException(0, null, $"{operation} failed: {ex.Message}", ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TableRequestFailedException(0, null, $"{operation} timed out.", ex);
            }

            if (!IsRetriable(response.StatusCode) || attempt >= _options.MaxRetries)
            {
                return response;
            }

            var wait = RetryAfter(response.Headers.RetryAfter) ?? Backoff(attempt);
            LogRetry(operation, (int)response.StatusCode, attempt + 1, wait);
            response.Dispose();
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>Sends and throws <see cref="TableRequestFailedException"/> unless the status is 2xx.</summary>
    public async Task<HttpResponseMessage> SendSuccessAsync(Func<HttpRequestMessage> createRequest, string operation, CancellationToken cancellationToken)
    {
        var response = await SendAsync(createRequest, operation, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await TableErrorReader.ReadAsync(response, operation, cancellationToken);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = exponential * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxRetryDelay.TotalMilliseconds));
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        if (wait is null)
        {
            return null;
        }

        return wait.Value < TimeSpan.Zero ? TimeSpan.Zero : wait.Value > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait.Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} answered {Status}; retry {Attempt} in {Delay}")]
    private partial void LogRetry(string operation, int status, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} did not complete; retry {Attempt} in {Delay}")]
    private partial void LogRetryAfterError(Exception exception, string operation, int attempt, TimeSpan delay);
}
