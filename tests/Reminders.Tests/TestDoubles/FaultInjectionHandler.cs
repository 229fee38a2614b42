using System.Collections.Concurrent;
using System.Net;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// Sits in front of a real server: answers the next requests from a queue of injected faults (a status code, optionally
/// with <c>Retry-After</c>, or a network error), then lets requests through. Counts every attempt.
/// </summary>
internal sealed class FaultInjectionHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _faults = new();
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public FaultInjectionHandler Respond(HttpStatusCode status, int times = 1, TimeSpan? retryAfter = null, string? errorCode = null)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(_ =>
            {
                var response = new HttpResponseMessage(status) { Content = new StringContent(string.Empty) };
                if (retryAfter is { } delay)
                {
                    response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
                }

                if (errorCode is not null)
                {
                    response.Headers.TryAddWithoutValidation("x-ms-error-code", errorCode);
                }

                return response;
            });
        }

        return this;
    }

    public FaultInjectionHandler FailConnection(int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(_ => throw new HttpRequestException("Injected connection failure."));
        }

        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        return _faults.TryDequeue(out var fault) ? Task.FromResult(fault(request)) : base.SendAsync(request, cancellationToken);
    }
}
