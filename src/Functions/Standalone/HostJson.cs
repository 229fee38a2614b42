using System.Text.Json;

namespace Reminders.Functions.Standalone;

/// <summary>
/// The settings of <c>host.json</c> (copied beside the app by the build) that the standalone runner honours like the
/// host: <c>extensions.http.routePrefix</c> (default <c>api</c>), <c>extensions.queues.maxDequeueCount</c> (default 5),
/// and <c>extensions.queues.batchSize</c> (default 16, at most 32) with <c>newBatchThreshold</c> (default half the batch
/// size): the host processes at most <c>batchSize + newBatchThreshold</c> messages of a queue at once, and so does the
/// standalone runner.
/// </summary>
internal sealed record HostJson(
    string RoutePrefix, int MaxDequeueCount, int BatchSize = HostJson.DefaultBatchSize, int NewBatchThreshold = HostJson.DefaultBatchSize / 2)
{
    /// <summary>The host's <c>batchSize</c> when host.json names none.</summary>
    private const int DefaultBatchSize = 16;

    /// <summary>The host's largest <c>batchSize</c>.</summary>
    private const int MaxBatchSize = 32;

    /// <summary>How many messages of one queue are processed at once: <c>batchSize + newBatchThreshold</c>.</summary>
    public int MaxConcurrentMessages => BatchSize + NewBatchThreshold;

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "host.json");

    public static HostJson Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"'{path}' is missing from the build output (the build copies it from the repository root).");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var prefix = "api";
        var maxDequeueCount = 5;
        var batchSize = DefaultBatchSize;
        int? newBatchThreshold = null;
        if (document.RootElement.TryGetProperty("extensions", out var extensions))
        {
            if (extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var routePrefix))
            {
                prefix = routePrefix.GetString() ?? prefix;
            }

            if (extensions.TryGetProperty("queues", out var queues))
            {
                maxDequeueCount = Int(queues, "maxDequeueCount") ?? maxDequeueCount;
                batchSize = Int(queues, "batchSize") ?? batchSize;
                newBatchThreshold = Int(queues, "newBatchThreshold");
            }
        }

        if (maxDequeueCount < 1)
        {
            throw new InvalidOperationException($"'{path}': extensions.queues.maxDequeueCount must be at least 1.");
        }

        if (batchSize is < 1 or > MaxBatchSize)
        {
            throw new InvalidOperationException($"'{path}': extensions.queues.batchSize must be from 1 to {MaxBatchSize}.");
        }

        return newBatchThreshold < 0
            ? throw new InvalidOperationException($"'{path}': extensions.queues.newBatchThreshold must not be negative.")
            : new HostJson(prefix, maxDequeueCount, batchSize, newBatchThreshold ?? batchSize / 2);
    }

    private static int? Int(JsonElement section, string name) =>
        section.TryGetProperty(name, out var value) ? value.GetInt32() : null;
}
