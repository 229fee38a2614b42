using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage;

/// <summary>The admin store contract (prompt change log, stats) against Table Storage on a real Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableAdminStoreContractTests(AzuriteFixture azurite) : AdminStoreContractTests
{
    private TableStoreTables? _tables;

    protected override async Task<(IPromptChangeLog ChangeLog, IStatsStore Stats)> CreateStoresAsync()
    {
        _tables = await azurite.CreateTablesAsync(Ct);
        return (new TablePromptChangeLog(_tables, TimeProvider.System), new TableStatsStore(_tables));
    }

    protected override async ValueTask DisposeStoresAsync()
    {
        if (_tables is null)
        {
            return;
        }

        foreach (var table in _tables.All)
        {
            await _tables.Service.DeleteTableAsync(table.Name, CancellationToken.None);
        }
    }
}
