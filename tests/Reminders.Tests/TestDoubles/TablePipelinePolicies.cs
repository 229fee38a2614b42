using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reminders.Tests.TestDoubles;

/// <summary>What a table request is, read from its method and path (path-style Azurite URLs).</summary>
internal static class TableRequests
{
    /// <summary>The path segment after the account: a table name (keys stripped), <c>Tables</c> or <c>$batch</c>.</summary>
    public static string Target(Request request)
    {
        var segments = request.Uri.ToUri().AbsolutePath.Trim('/').Split('/');
        var target = segments.Length > 1 ? segments[1] : segments[0];
        var open = target.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? target : target[..open];
    }

    /// <summary>True for an entity insert (<c>AddEntityAsync</c>: POST to the table) into a table whose name ends with <paramref name="table"/>.</summary>
    public static bool IsInsertInto(HttpMessage message, string table) =>
        message.Request.Method == RequestMethod.Post && Target(message.Request).EndsWith(table, StringComparison.Ordinal);

    /// <summary>True for an entity update or upsert (PUT, MERGE, PATCH) in a table whose name ends with <paramref name="table"/>.</summary>
    public static bool IsUpdateOf(HttpMessage message, string table) =>
        (message.Request.Method == RequestMethod.Put || message.Request.Method == RequestMethod.Patch
            || message.Request.Method.Method == "MERGE")
        && message.Request.Uri.ToUri().AbsolutePath.Contains('(', StringComparison.Ordinal)
        && Target(message.Request).EndsWith(table, StringComparison.Ordinal);

    /// <summary>True for a transaction (<c>SubmitTransactionAsync</c>: POST <c>$batch</c>).</summary>
    public static bool IsTransaction(HttpMessage message) =>
        message.Request.Method == RequestMethod.Post && Target(message.Request) == "$batch";
}

/// <summary>
/// Counts every attempt that reaches the wire (it sits per retry, so a retried request counts each time), the requests
/// per table, and the entities query responses return (the length of their <c>value</c> arrays).
/// </summary>
internal sealed class CountingPolicy : HttpPipelinePolicy
{
    private int _requests;
    private int _entitiesReturned;

    public int Requests => Volatile.Read(ref _requests);

    public int EntitiesReturned => Volatile.Read(ref _entitiesReturned);

    /// <summary>Each request as <c>METHOD target</c>, in order.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _entitiesReturned, 0);
        Log.Clear();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The stores only call the SDK asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _requests);
        Log.Enqueue($"{message.Request.Method} {TableRequests.Target(message.Request)}");
        await ProcessNextAsync(message, pipeline);
        if (message.Request.Method == RequestMethod.Get && message.Response.Status == 200 && message.Response.ContentStream is not null)
        {
            using var json = JsonDocument.Parse(message.Response.Content.ToMemory());
            if (json.RootElement.TryGetProperty("value", out var rows) && rows.ValueKind == JsonValueKind.Array)
            {
                Interlocked.Add(ref _entitiesReturned, rows.GetArrayLength());
            }
        }
    }
}

/// <summary>
/// Lets chosen requests reach the service and be applied there, then loses the response: it throws an
/// <see cref="IOException"/> (a dropped connection) or a timeout instead of returning it. The SDK's retry policy then
/// sends the request again, exactly as it would after a real lost response.
/// </summary>
internal sealed class LostResponsePolicy(Func<HttpMessage, bool> match, int times = 1, bool asTimeout = false) : HttpPipelinePolicy
{
    private int _remaining = times;
    private int _lost;

    /// <summary>How many responses were lost so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>Whether it is armed; requests pass untouched while false.</summary>
    public bool Enabled { get; set; } = true;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The stores only call the SDK asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (Enabled && match(message) && Interlocked.Decrement(ref _remaining) >= 0)
        {
            Interlocked.Increment(ref _lost);
            message.Response.Dispose();
            throw asTimeout
                ? new TaskCanceledException("The table request timed out (injected after the service applied it).", new TimeoutException())
                : new IOException("The connection dropped before the response arrived (injected after the service applied it).");
        }
    }
}
