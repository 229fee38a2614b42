using System.Collections.Concurrent;
using System.Text.Json;

namespace Reminders.Tests.TestDoubles;

/// <summary>Counts requests and the entities that query responses return (the length of their <c>value</c> arrays).</summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int _requests;
    private int _entitiesReturned;

    public int Requests => Volatile.Read(ref _requests);

    public int EntitiesReturned => Volatile.Read(ref _entitiesReturned);

    public ConcurrentQueue<string> Methods { get; } = new();

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _entitiesReturned, 0);
        Methods.Clear();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        Methods.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Get && response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("value", out var rows) && rows.ValueKind == JsonValueKind.Array)
            {
                Interlocked.Add(ref _entitiesReturned, rows.GetArrayLength());
            }
        }

        return response;
    }
}
