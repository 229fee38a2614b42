using Microsoft.Extensions.Configuration;
using Reminders.Core.Storage.Tables.Client;

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
        if (TableConnectionString.TryParse(value, out var parsed, out var parseError))
        {
            settings = new TableConnectionSettings(parsed, null, source);
            error = string.Empty;
            return true;
        }

        settings = null!;
        error = $"{source} is not a usable storage connection string: {parseError}";
        return false;
    }

    private static bool FromEndpoint(string value, string source, out TableConnectionSettings settings, out string error)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            settings = new TableConnectionSettings(null, uri, source);
            error = string.Empty;
            return true;
        }

        settings = null!;
        error = $"{source} must be an absolute https URL such as https://<account>.table.core.windows.net.";
        return false;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
