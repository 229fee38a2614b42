using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>Turns a failed response into a <see cref="TableRequestFailedException"/>: status and <c>x-ms-error-code</c> first, body for the message.</summary>
internal static class TableErrorReader
{
    public static async Task<TableRequestFailedException> ReadAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var headerCode = response.Headers.TryGetValues("x-ms-error-code", out var values) ? values.FirstOrDefault() : null;
        var (bodyCode, message) = Parse(body, response.Content.Headers.ContentType);
        var code = string.IsNullOrEmpty(headerCode) ? bodyCode : headerCode;
        var status = (int)response.StatusCode;
        return new TableRequestFailedException(status, code, Describe(operation, status, code, message));
    }

    public static string Describe(string operation, int status, string? code, string? message)
    {
        var text = $"{operation} failed with {status}{(string.IsNullOrEmpty(code) ? string.Empty : " " + code)}";
        return string.IsNullOrWhiteSpace(message) ? text + "." : $"{text}: {FirstLine(message)}";
    }

    /// <summary>Reads code and message from a JSON <c>odata.error</c> or an XML <c>Error</c> body.</summary>
    public static (string? Code, string? Message) Parse(string body, MediaTypeHeaderValue? contentType)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            if (body.TrimStart().StartsWith('<') || contentType?.MediaType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true)
            {
                var root = XDocument.Parse(body).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }

            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                    : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
        }
        catch (System.Xml.XmlException)
        {
        }

        return (null, body.Length > 200 ? body[..200] : body);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
