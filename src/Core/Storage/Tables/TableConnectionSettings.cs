namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Where the table store connects and how it authenticates: a connection string (account key, SAS or
/// <c>UseDevelopmentStorage=true</c>), or an endpoint with Microsoft Entra ID (<see cref="ConnectionString"/> null).
/// </summary>
/// <param name="ConnectionString">The connection string as configured, or null for Entra ID.</param>
/// <param name="Endpoint">The table service endpoint (from the connection string, or the configured one for Entra ID).</param>
/// <param name="AccountName">The storage account name.</param>
/// <param name="Source">The configuration key the setting came from, for messages (never the value).</param>
public sealed record TableConnectionSettings(string? ConnectionString, Uri Endpoint, string AccountName, string Source)
{
    /// <summary>True when requests carry Entra ID bearer tokens.</summary>
    public bool UsesEntraId => ConnectionString is null;

    /// <summary>Never prints the connection string (it holds the account key).</summary>
    public override string ToString() => $"{AccountName} at {Endpoint} ({(UsesEntraId ? "Entra ID" : "connection string")}, from {Source})";
}
