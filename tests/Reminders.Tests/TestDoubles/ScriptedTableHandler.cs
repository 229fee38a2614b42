using System.Collections.Concurrent;
using System.Net;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// A fake Table endpoint for unit tests: answers with queued responses (501 when none is queued, so a forgotten
/// stub never looks like a real answer) and records what was sent.
/// </summary>
internal sealed class ScriptedTableHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _responses = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ScriptedTableHandler Enqueue(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _responses.Enqueue(respond);
        return this;
    }

    public ScriptedTableHandler EnqueueJson(HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
        return _responses.TryDequeue(out var respond)
            ? respond(request)
            : new HttpResponseMessage(HttpStatusCode.NotImplemented) { ReasonPhrase = "No scripted response" };
    }
}

/// <summary>What <see cref="ScriptedTableHandler"/> saw.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body);
