using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reminders.Functions.Http;

/// <summary>
/// Reads a JSON request body strictly: JSON content type, at most <see cref="MaxBytes"/>, well-formed, right
/// types. Every failure is a 400 validation problem naming the field (or <c>body</c>), never a 500.
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    private static readonly JsonDocumentOptions StrictDocument = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class =>
        ReadAsync<T>(request, MaxBytes, cancellationToken);

    /// <summary>As <see cref="ReadAsync{T}(HttpRequest, CancellationToken)"/>, for the few bodies allowed to be larger (a library import).</summary>
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Invalid("Content-Type", "The body must be JSON, sent with 'Content-Type: application/json'."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, Invalid("body", $"The body is larger than {maxBytes} bytes."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Invalid("body", $"The body is larger than {maxBytes} bytes."));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, Invalid("body", "A JSON object is required."));
        }

        JsonDocument document;
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        try
        {
            // Syntax first, so a truncated body is reported as the body, not as the field where it broke off.
            // A repeated key is refused: "last one wins" lets a body say two things to two readers.
            document = JsonDocument.Parse(bytes, StrictDocument);
        }
        catch (JsonException)
        {
            return (null, Invalid("body", IsWellFormed(bytes) ? "The body repeats a key; each key may appear once." : "The body is not well-formed JSON."));
        }

        using (document)
        {
            try
            {
                var value = document.RootElement.Deserialize<T>(Options);
                return value is null ? (null, Invalid("body", "A JSON object is required.")) : (value, null);
            }
            catch (JsonException ex)
            {
                var field = FieldOf(ex.Path);
                return (null, Invalid(field, field == "body" ? "A JSON object is required." : $"'{field}' has the wrong JSON type."));
            }
        }
    }

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid.");

    private static bool IsWellFormed(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var lenient = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var name = path.TrimStart('$', '.');
        var end = name.IndexOfAny(['.', '[']);
        return end > 0 ? name[..end] : name;
    }
}
