using System.Security.Cryptography;
using System.Text;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// Table-flavour Shared Key and Shared Key Lite signing. The canonical resource is <c>/account</c> plus the path
/// exactly as sent (so on Azurite's path-style URLs the account appears twice) plus <c>?comp=</c> when present.
/// </summary>
internal sealed class SharedKeyAuthorizer : TableAuthorizer
{
    private readonly string _accountName;
    private readonly byte[] _key;
    private readonly TableAuthScheme _scheme;

    public SharedKeyAuthorizer(string accountName, string base64Key, TableAuthScheme scheme)
    {
        _accountName = accountName;
        _key = Convert.FromBase64String(base64Key);
        _scheme = scheme;
    }

    public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var stringToSign = StringToSign(request);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
        var schemeName = _scheme == TableAuthScheme.SharedKey ? "SharedKey" : "SharedKeyLite";
        request.Headers.TryAddWithoutValidation("Authorization", $"{schemeName} {_accountName}:{signature}");
        return ValueTask.CompletedTask;
    }

    /// <summary>The exact string that is signed for <paramref name="request"/>.</summary>
    public string StringToSign(HttpRequestMessage request)
    {
        var date = request.Headers.TryGetValues("x-ms-date", out var dates) ? dates.First() : string.Empty;
        var resource = CanonicalizedResource(_accountName, request.RequestUri!);
        if (_scheme == TableAuthScheme.SharedKeyLite)
        {
            return date + "\n" + resource;
        }

        var contentMd5 = request.Content?.Headers.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : string.Empty;
        var contentType = request.Content?.Headers.ContentType?.ToString() ?? string.Empty;
        return string.Join('\n', request.Method.Method.ToUpperInvariant(), contentMd5, contentType, date, resource);
    }

    public static string CanonicalizedResource(string accountName, Uri uri)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (string.Equals(name, "comp", StringComparison.OrdinalIgnoreCase))
            {
                resource += "?comp=" + Uri.UnescapeDataString(equals < 0 ? string.Empty : pair[(equals + 1)..]);
                break;
            }
        }

        return resource;
    }
}
