using Microsoft.Extensions.Configuration;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Picks the table connection from configuration, first match wins:
/// <list type="number">
/// <item><c>Storage:TablesConnectionString</c>;</item>
/// <item><c>Storage:TablesEndpoint</c> (Microsoft Entra ID, e.g. managed identity);</item>
/// <item><c>AzureWebJobsStorage</c> (the Functions host's own storage connection string);</item>
/// <item><c>AzureWebJobsStorage:tableServiceUri</c> or <c>AzureWebJobsStorage:accountName</c> (the host's identity-based form, Entra ID).</item>
/// </list>
/// An explicit <c>Storage:*</c> setting beats the host's <c>AzureWebJobsStorage</c>, which is always present in Azure.
/// </summary>
public static class TableConnectionResolver
{
    public const string ConnectionStringKey = "Storage:TablesConnectionString";
    public const string EndpointKey = "Storage:TablesEndpoint";
    public const string WebJobsStorageKey = "AzureWebJobsStorage";

    /// <summary>Resolves the connection; throws <see cref="InvalidOperationException"/> naming the setting to fix.</summary>
    public static TableConnectionSettings Resolve(IConfiguration configuration) =>
        TryResolve(configuration, out var settings, out var error) ? settings : throw new InvalidOperationException(error);

    /// <summary>Resolves the connection; on failure <paramref name="error"/> names the setting to fix (never its value).</summary>
    public static bool TryResolve(IConfiguration configuration, out TableConnectionSettings settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        settings = null!;
        error = string.Empty;

        if (NonEmpty(configuration[ConnectionStringKey]) is { } explicitString)
        {
            return FromConnectionString(explicitString, ConnectionStringKey, out settings, out error);
        }

        if (NonEmpty(configuration[EndpointKey]) is { } endpoint)
        {
            return FromEndpoint(endpoint, EndpointKey, out settings, out error);
        }

        if (NonEmpty(configuration[WebJobsStorageKey]) is { } webJobs)
        {
            return FromConnectionString(webJobs, WebJobsStorageKey, out settings, out error);
        }

        if (NonEmpty(configuration[WebJobsStorageKey + ":tableServiceUri"]) is { } tableServiceUri)
        {
            return FromEndpoint(tableServiceUri, WebJobsStorageKey + ":tableServiceUri", out settings, out error);
        }

        if (NonEmpty(configuration[WebJobsStorageKey + ":accountName"]) is { } accountName)
        {
            return FromEndpoint($"https://{accountName}.table.core.windows.net", WebJobsStorageKey + ":accountName", out settings, out error);
        }

        error = $"Storage:Provider=tables needs {ConnectionStringKey}, {EndpointKey} (Microsoft Entra ID) or {WebJobsStorageKey}; none is set.";
        return false;
    }

    private static bool FromConnectionString(string value, string source, out TableConnectionSettings settings, out string error)
    {
        // The SDK parses the string (UseDevelopmentStorage=true, account key, SAS); building a client sends nothing.
        try
        {
            var client = new TableServiceClient(value);
            settings = new TableConnectionSettings(value, client.Uri, client.AccountName, source);
            error = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            settings = null!;
            error = $"{source} is not a usable storage connection string (expected UseDevelopmentStorage=true, "
                + "AccountName=...;AccountKey=... or TableEndpoint=...;SharedAccessSignature=...).";
            return false;
        }
    }

    private static bool FromEndpoint(string value, string source, out TableConnectionSettings settings, out string error)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            settings = new TableConnectionSettings(null, uri, AccountNameOf(uri), source);
            error = string.Empty;
            return true;
        }

        settings = null!;
        error = $"{source} must be an absolute https URL such as https://<account>.table.core.windows.net.";
        return false;
    }

    // Path-style endpoints (an IP or localhost, as Azurite) carry the account in the first path segment, others in the host.
    private static string AccountNameOf(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback
            ? uri.AbsolutePath.Trim('/').Split('/')[0]
            : uri.Host.Split('.')[0];

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
