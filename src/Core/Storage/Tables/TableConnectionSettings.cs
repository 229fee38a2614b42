using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Where the table store connects and how it authenticates: a connection string (account key or SAS), or an endpoint
/// with Microsoft Entra ID (<see cref="Endpoint"/> set, <see cref="ConnectionString"/> null).
/// </summary>
/// <param name="ConnectionString">Parsed connection string, or null for Entra ID.</param>
/// <param name="Endpoint">Table endpoint for Entra ID, or null when a connection string is used.</param>
/// <param name="Source">The configuration key the setting came from, for messages (never the value).</param>
public sealed record TableConnectionSettings(TableConnectionString? ConnectionString, Uri? Endpoint, string Source)
{
    /// <summary>True when requests carry Entra ID bearer tokens.</summary>
    public bool UsesEntraId => ConnectionString is null;
}
