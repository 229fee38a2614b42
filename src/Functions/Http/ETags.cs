using Microsoft.Net.Http.Headers;

namespace Reminders.Functions.Http;

/// <summary>
/// The HTTP side of the stores' ETags: the stores hand out bare opaque strings; on the wire they are quoted
/// entity-tags (<c>"abc"</c>), in the <c>ETag</c> header and in <c>If-Match</c>.
/// </summary>
internal static class ETags
{
    /// <summary>The quoted form of a store ETag.</summary>
    public static string Quote(string etag) => $"\"{etag}\"";

    /// <summary>Sets the response's <c>ETag</c> header.</summary>
    public static void Set(HttpContext http, string etag) => http.Response.Headers.ETag = Quote(etag);

    /// <summary>
    /// Reads <c>If-Match</c>. Absent or blank: <see cref="IfMatch.Absent"/>. <c>*</c>: any stored version (null tags).
    /// Otherwise the bare values of its strong tags; a weak tag (<c>W/"..."</c>) never matches (If-Match compares
    /// strongly). Not a list of quoted tags: <see cref="IfMatch.Malformed"/>.
    /// </summary>
    public static IfMatch ReadIfMatch(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0 || values.All(string.IsNullOrWhiteSpace))
        {
            return IfMatch.Absent;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0)
        {
            return IfMatch.Malformed;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return new IfMatch(true, false, null);
        }

        return new IfMatch(true, false, [.. tags.Where(t => !t.IsWeak).Select(t => t.Tag.ToString().Trim('"'))]);
    }
}

/// <summary>A parsed <c>If-Match</c> header.</summary>
/// <param name="Present">The request sent one.</param>
/// <param name="IsMalformed">It was not a list of quoted entity-tags or <c>*</c>.</param>
/// <param name="Tags">The bare store ETags it accepts; null for <c>*</c> (any) or when absent.</param>
internal sealed record IfMatch(bool Present, bool IsMalformed, IReadOnlyCollection<string>? Tags)
{
    public static readonly IfMatch Absent = new(false, false, null);

    public static readonly IfMatch Malformed = new(true, true, null);
}
