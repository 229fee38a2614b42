using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Core.Storage.Tables;

/// <summary>Creates every table if missing (safe on every start and from several instances) and probes reachability.</summary>
public sealed class TableStoreInitializer(TableStoreTables tables) : IStoreInitializer
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var table in tables.All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await tables.State.QueryPageAsync(new TableQuery(Top: 1), null, cancellationToken);
            return true;
        }
        catch (TableRequestFailedException)
        {
            return false;
        }
    }
}
