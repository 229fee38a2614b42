using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// Request bodies exactly as the Functions host writes them (reference §3.1-3.2): Newtonsoft serialisation,
/// PascalCase, every non-object value passed through <c>JsonConvert.SerializeObject</c> (so the queue message is a
/// JSON string inside a JSON string, <c>DequeueCount</c> is <c>"1"</c> and <c>Id</c> keeps its quotes).
/// </summary>
internal static class HostPayloads
{
    public const string MessageId = "3f1b6e0e-6a53-4a55-9a49-0d2b8c1b2f11";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        NewLine = "\r\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The DueScan timer invocation; <paramref name="withScheduleStatus"/> false is the monitor-off shape.</summary>
    public static string Timer(bool isPastDue, bool withScheduleStatus = true)
    {
        var status = withScheduleStatus
            ? """{"Last":"2026-06-10T13:30:00+00:00","Next":"2026-06-10T13:35:00+00:00","LastUpdated":"2026-06-10T13:30:00+00:00"}"""
            : "null";
        return "{\"Data\":{\"timer\":{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":" + status + ",\"IsPastDue\":" + (isPastDue ? "true" : "false") + "}},"
            + "\"Metadata\":{\"sys\":{\"MethodName\":\"DueScan\",\"UtcNow\":\"2026-06-10T13:35:00.1234567Z\",\"RandGuid\":\"6d0c2f3e-1111-4b2a-8c3d-2e4f5a6b7c8d\"}}}";
    }

    /// <summary>The SendBatch queue invocation as the host code sends it: message text encoded twice, Metadata as strings.</summary>
    public static string Queue(string messageText, int dequeueCount = 1) =>
        "{\"Data\":{\"batch\":" + Quote(Quote(messageText)) + "},"
        + "\"Metadata\":{\"DequeueCount\":" + Quote(dequeueCount.ToString(CultureInfo.InvariantCulture))
        + ",\"ExpirationTime\":\"2026-06-17T13:35:00+00:00\""
        + ",\"Id\":" + Quote(Quote(MessageId))
        + ",\"InsertionTime\":\"2026-06-10T13:35:00+00:00\""
        + ",\"NextVisibleTime\":\"2026-06-10T13:35:30+00:00\""
        + ",\"PopReceipt\":" + Quote(Quote("AgAAAAMAAAAAAAAA"))
        + ",\"sys\":{\"MethodName\":\"SendBatch\",\"UtcNow\":\"2026-06-10T13:35:01.2345678Z\",\"RandGuid\":\"0b2f0f1c-3c3a-4e0e-9d2e-0a3c4b5d6e7f\"}"
        + ",\"items\":" + Quote(ItemsText(messageText)) + "}}";

    /// <summary>The Learn article's idealised shape: message encoded once, numeric <c>DequeueCount</c>, bare <c>Id</c>.</summary>
    public static string QueueAsDocumented(string messageText, int dequeueCount = 1) =>
        "{\"Data\":{\"batch\":" + Quote(messageText) + "},"
        + "\"Metadata\":{\"DequeueCount\":" + dequeueCount.ToString(CultureInfo.InvariantCulture)
        + ",\"Id\":\"" + MessageId + "\",\"PopReceipt\":\"AgAAAAMAAAAAAAAA\",\"sys\":{\"MethodName\":\"SendBatch\"}}}";

    /// <summary>
    /// The text the queue output binding stores for one element of <c>Outputs.batches</c>: Newtonsoft's
    /// <c>JObject.ToString()</c>, indented, with the host machine's new lines (CRLF here, the harder case).
    /// </summary>
    public static string StoredMessage(JsonElement outputElement) => JsonSerializer.Serialize(outputElement, Indented);

    /// <summary>A JSON string literal the way Newtonsoft writes one: only quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' or '\u0085' or '\u2028' or '\u2029' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A POST as the host sends it, with its headers.</summary>
    public static HttpRequestMessage Post(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", "4.1037.0");
        request.Headers.TryAddWithoutValidation("User-Agent", "Azure-Functions-Host/4.1037.0");
        return request;
    }

    /// <summary>The host also copies a JSON message's top-level properties into Metadata; ours has just "items".</summary>
    private static string ItemsText(string messageText)
    {
        try
        {
            using var document = JsonDocument.Parse(messageText);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("items", out var items)
                ? items.GetRawText()
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
