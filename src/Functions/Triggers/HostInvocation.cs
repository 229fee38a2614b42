using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reminders.Functions.Triggers;

/// <summary>
/// What the Functions host POSTs for a timer or queue invocation: <c>{"Data": {binding: value}, "Metadata": {...}}</c>.
/// The host serialises every non-object value with <c>JsonConvert.SerializeObject</c>, so a queue message arrives as
/// a JSON string holding a JSON string, and Metadata values such as <c>DequeueCount</c> arrive as strings
/// (<c>"1"</c>) and <c>Id</c> with its quotes (<c>"\"3f1b...\""</c>). The readers here accept both that form and
/// the plain one the Learn article shows.
/// </summary>
internal sealed class HostInvocation
{
    /// <summary>Queue messages are at most 64 KiB; anything near this is not from the host.</summary>
    public const int MaxBytes = 1024 * 1024;

    private readonly JsonElement _data;
    private readonly JsonElement _metadata;

    private HostInvocation(JsonElement data, JsonElement metadata)
    {
        _data = data;
        _metadata = metadata;
    }

    /// <summary>Parses a payload; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static HostInvocation? Parse(ReadOnlyMemory<byte> json, out string? error)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            error = "The body is not well-formed JSON.";
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object || !TryGetProperty(root, "Data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            error = "The body must be a JSON object with a 'Data' object, as the Functions host sends.";
            return null;
        }

        var metadata = TryGetProperty(root, "Metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        error = null;
        return new HostInvocation(data, metadata);
    }

    /// <summary>Reads and parses the request body; a failure is a 400 (or 413) problem the host counts as a failed invocation.</summary>
    public static async Task<(HostInvocation? Invocation, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        var invocation = Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out var error);
        return invocation is null ? (null, Malformed(error!)) : (invocation, null);
    }

    /// <summary>The value of the trigger or input binding <paramref name="binding"/>.</summary>
    public bool TryGetData(string binding, out JsonElement value) => TryGetProperty(_data, binding, out value);

    /// <summary>A Metadata value as text: <c>"\"abc\""</c>, <c>"abc"</c> and <c>abc</c> all read as <c>abc</c>; null when absent.</summary>
    public string? MetadataText(string key)
    {
        if (_metadata.ValueKind != JsonValueKind.Object || !TryGetProperty(_metadata, key, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => Unquote(value.GetString()!),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>A Metadata value as a number: <c>"1"</c>, <c>1</c> and <c>"\"1\""</c> all read as 1; null when absent or not a number.</summary>
    public long? MetadataNumber(string key) =>
        long.TryParse(MetadataText(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>A 400 problem for a payload the handler cannot use.</summary>
    public static ProblemHttpResult Malformed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid Functions host invocation", detail: detail);

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Not a valid Functions host invocation",
            detail: $"The body is larger than {MaxBytes} bytes.");

    private static string Unquote(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text) ?? text;
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return text;
    }

    /// <summary>Exact name first, then case-insensitive: the host writes PascalCase, hand-written payloads may not.</summary>
    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
