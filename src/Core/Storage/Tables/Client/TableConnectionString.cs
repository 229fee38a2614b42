using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// A parsed storage connection string: account key form (<c>AccountName=…;AccountKey=…</c> with <c>EndpointSuffix</c>
/// or <c>TableEndpoint</c>), <c>UseDevelopmentStorage=true</c>, an explicit (path-style) <c>TableEndpoint</c> such as
/// Azurite's <c>http://127.0.0.1:10002/devstoreaccount1</c>, or <c>TableEndpoint</c> plus <c>SharedAccessSignature</c>.
/// <see cref="ToString"/> never shows the key or signature.
/// </summary>
public sealed class TableConnectionString
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (public, documented by Microsoft).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="; // the published Azurite/emulator key of devstoreaccount1, not a secret

    private TableConnectionString(Uri endpoint, string accountName, string? accountKey, string? sharedAccessSignature)
    {
        Endpoint = endpoint;
        AccountName = accountName;
        AccountKey = accountKey;
        SharedAccessSignature = sharedAccessSignature;
    }

    /// <summary>The table service endpoint, without a trailing slash.</summary>
    public Uri Endpoint { get; }

    /// <summary>The storage account name (used in the Shared Key canonical resource).</summary>
    public string AccountName { get; }

    /// <summary>Base64 account key, when the connection string has one.</summary>
    public string? AccountKey { get; }

    /// <summary>SAS token without a leading <c>?</c>, when the connection string has one.</summary>
    public string? SharedAccessSignature { get; }

    /// <summary>Parses <paramref name="connectionString"/>; throws <see cref="FormatException"/> with the reason.</summary>
    public static TableConnectionString Parse(string connectionString) =>
        TryParse(connectionString, out var parsed, out var error) ? parsed : throw new FormatException(error);

    /// <summary>Parses <paramref name="connectionString"/>; on failure <paramref name="error"/> says why (never echoing secrets).</summary>
    public static bool TryParse(
        string? connectionString,
        [NotNullWhen(true)] out TableConnectionString? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!TrySplit(connectionString, out var settings, out error))
        {
            return false;
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var host = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy) && Uri.TryCreate(proxy, UriKind.Absolute, out var proxyUri)
                ? proxyUri
                : new Uri("http://127.0.0.1");
            var devEndpoint = settings.TryGetValue("TableEndpoint", out var explicitEndpoint)
                ? explicitEndpoint
                : $"{host.Scheme}://{host.Host}:10002/{DevelopmentAccountName}";
            return TryBuild(devEndpoint, DevelopmentAccountName, DevelopmentAccountKey, null, out result, out error);
        }

        settings.TryGetValue("AccountName", out var accountName);
        settings.TryGetValue("AccountKey", out var accountKey);
        settings.TryGetValue("SharedAccessSignature", out var sas);
        if (!settings.TryGetValue("TableEndpoint", out var endpoint))
        {
            if (string.IsNullOrEmpty(accountName))
            {
                error = "The connection string needs TableEndpoint, AccountName or UseDevelopmentStorage=true.";
                return false;
            }

            var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = $"{protocol}://{accountName}.table.{suffix}";
        }

        return TryBuild(endpoint, accountName, accountKey, sas, out result, out error);
    }

    public override string ToString() =>
        $"TableEndpoint={Endpoint};AccountName={AccountName}{(AccountKey is null ? string.Empty : ";AccountKey=***")}{(SharedAccessSignature is null ? string.Empty : ";SharedAccessSignature=***")}";

    /// <summary>
    /// The account named by an endpoint: the first path segment for path-style hosts (an IP address or
    /// <c>localhost</c>, as Azurite uses), otherwise the first label of the host name.
    /// </summary>
    public static string AccountNameFromEndpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var pathStyle = endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            || string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase);
        if (pathStyle)
        {
            var segment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
            return WebUtility.UrlDecode(segment);
        }

        return endpoint.Host.Split('.')[0];
    }

    private static bool TryBuild(
        string endpointText,
        string? accountName,
        string? accountKey,
        string? sas,
        [NotNullWhen(true)] out TableConnectionString? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!Uri.TryCreate(endpointText.TrimEnd('/'), UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            error = "TableEndpoint is not an absolute http(s) URL.";
            return false;
        }

        if (!string.IsNullOrEmpty(endpoint.Query))
        {
            error = "TableEndpoint must not carry a query; put a SAS token in SharedAccessSignature.";
            return false;
        }

        var account = string.IsNullOrEmpty(accountName) ? AccountNameFromEndpoint(endpoint) : accountName;
        if (string.IsNullOrEmpty(account))
        {
            error = "The connection string names no account: add AccountName.";
            return false;
        }

        if (!string.IsNullOrEmpty(accountKey))
        {
            if (!IsBase64(accountKey))
            {
                error = "AccountKey is not valid base64.";
                return false;
            }
        }
        else if (string.IsNullOrEmpty(sas))
        {
            error = "The connection string has neither AccountKey nor SharedAccessSignature "
                + "(for Microsoft Entra ID set Storage:TablesEndpoint instead of a connection string).";
            return false;
        }

        result = new TableConnectionString(
            endpoint,
            account,
            string.IsNullOrEmpty(accountKey) ? null : accountKey,
            string.IsNullOrEmpty(accountKey) ? sas!.TrimStart('?') : null);
        error = null;
        return true;
    }

    private static bool TrySplit(
        string? connectionString,
        out Dictionary<string, string> settings,
        [NotNullWhen(false)] out string? error)
    {
        settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "The connection string is empty.";
            return false;
        }

        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = "Each connection string setting must be name=value.";
                return false;
            }

            var name = segment[..equals].Trim();
            if (!settings.TryAdd(name, segment[(equals + 1)..].Trim()))
            {
                error = $"The connection string sets '{name}' twice.";
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0;
    }
}
