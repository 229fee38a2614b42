using System.Text.Json;

namespace Reminders.Functions.Standalone;

/// <summary>
/// The settings of <c>host.json</c> (copied beside the app by the build) that the standalone runner honours like the
/// host: <c>extensions.http.routePrefix</c> (default <c>api</c>) and <c>extensions.queues.maxDequeueCount</c> (default 5).
/// </summary>
internal sealed record HostJson(string RoutePrefix, int MaxDequeueCount)
{
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
        if (document.RootElement.TryGetProperty("extensions", out var extensions))
        {
            if (extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var routePrefix))
            {
                prefix = routePrefix.GetString() ?? prefix;
            }

            if (extensions.TryGetProperty("queues", out var queues) && queues.TryGetProperty("maxDequeueCount", out var count))
            {
                maxDequeueCount = count.GetInt32();
            }
        }

        return maxDequeueCount < 1
            ? throw new InvalidOperationException($"'{path}': extensions.queues.maxDequeueCount must be at least 1.")
            : new HostJson(prefix, maxDequeueCount);
    }
}
