using Reminders.Core.Storage.Tables;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage;

/// <summary>The store contract against the Table Storage stores on a real Azurite, with fresh tables per test.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableStoreContractTests(AzuriteFixture azurite) : StoreContractTests
{
    private TableStoreTables? _tables;

    protected override async Task<StoreSet> CreateStoresAsync()
    {
        _tables = await azurite.CreateTablesAsync(Ct);
        var time = TimeProvider.System;
        return new StoreSet(
            new TableSubscriberStore(_tables),
            new TableScheduleIndex(_tables),
            new TableDeliveryStore(_tables),
            new TablePromptStore(_tables),
            new TableConsentLog(_tables, time),
            new TableMessageLog(_tables, time),
            new TableStoreInitializer(_tables, time))
        {
            Inbound = new TableInboundLog(_tables),
        };
    }

    protected override async ValueTask DisposeStoresAsync()
    {
        if (_tables is null)
        {
            return;
        }

        // Azurite keeps everything in memory: drop this test's tables so a long run stays small.
        foreach (var table in _tables.All)
        {
            await _tables.Service.DeleteTableAsync(table.Name, CancellationToken.None);
        }
    }
}
