using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Reminders.Core.Delivery;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>
/// The row-key layout in which no two rows of Subscribers or Deliveries share a row key, and the start-up move of rows
/// written in the old layout (RK <c>sub</c>, RK bare delivery key), on Azurite.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TableRowKeyMigrationTests(AzuriteFixture azurite)
{
    private static readonly PhoneNumber Phone = PhoneNumber.FromE164("+15550100001");
    private static readonly PhoneNumber Other = PhoneNumber.FromE164("+15550100002");
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_WriteRowKeysThatNameThePhone()
    {
        var tables = await azurite.CreateTablesAsync(Ct);
        await new TableSubscriberStore(tables).TryInsertAsync(TableStoreTestData.Subscriber(Phone.Value), Ct);
        await new TableDeliveryStore(tables).TryClaimAsync(Claim(Phone, "2026-03-10"), Ct);

        Assert.Equal([(Phone.Value, Phone.Value)], await KeysAsync(tables.Subscribers));
        Assert.Equal([(Phone.Value, Phone.Value + "|2026-03-10")], await KeysAsync(tables.Deliveries));
    }

    [Fact]
    public async Task Initialize_RowsOfTheOldLayout_MovedOnceAndFoundByTheStores()
    {
        var tables = await CreateWithoutMarkerAsync();
        var subscriber = TableStoreTestData.Subscriber(Phone.Value);
        var other = TableStoreTestData.Subscriber(Other.Value, SubscriberStatus.Paused);
        await tables.Subscribers.AddEntityAsync(OldLayout(subscriber), cancellationToken: Ct);
        await tables.Subscribers.AddEntityAsync(OldLayout(other), cancellationToken: Ct);
        await AddLegacyDeliveryAsync(tables, Claim(Phone, "2026-03-10") with { Status = DeliveryStatus.Accepted });
        await AddLegacyDeliveryAsync(tables, Claim(Phone, "2026-03-10-confirm"));
        await AddLegacyDeliveryAsync(tables, Claim(Phone, "2026-03-03"));
        await AddLegacyDeliveryAsync(tables, Claim(Phone, "2026-03-01"));

        await new TableStoreInitializer(tables, new FakeTimeProvider(Now)).InitializeAsync(Ct);

        var subscribers = new TableSubscriberStore(tables);
        var deliveries = new TableDeliveryStore(tables);
        Assert.Equal(subscriber, (await subscribers.GetAsync(Phone, Ct))?.Value);
        Assert.Equal([other], (await subscribers.ListAsync(SubscriberStatus.Paused, 10, null, Ct)).Items);
        Assert.Equal([(Phone.Value, Phone.Value), (Other.Value, Other.Value)], await KeysAsync(tables.Subscribers));
        // Today's claim moved: a second claim of the day still loses, so the upgrade cannot send twice.
        Assert.Equal(DeliveryStatus.Accepted, (await deliveries.GetAsync(Phone, "2026-03-10", Ct))?.Status);
        Assert.False(await deliveries.TryClaimAsync(Claim(Phone, "2026-03-10") with { ClaimId = "another-sender" }, Ct));
        Assert.NotNull(await deliveries.GetAsync(Phone, "2026-03-03", Ct));
        // Older than the window: left in the old layout, still listed with its key.
        Assert.Equal(
            [(Phone.Value, Phone.Value + "|2026-03-03"), (Phone.Value, Phone.Value + "|2026-03-10"), (Phone.Value, Phone.Value + "|2026-03-10-confirm"), (Phone.Value, "2026-03-01")],
            await KeysAsync(tables.Deliveries));
        Assert.Equal(
            ["2026-03-01", "2026-03-03", "2026-03-10", "2026-03-10-confirm"],
            (await deliveries.ListAsync(Phone, new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31), Ct)).Select(d => d.Key));

        // Done once: a later start reads the marker and moves nothing more.
        await tables.Subscribers.AddEntityAsync(OldLayout(TableStoreTestData.Subscriber("+15550100003")), cancellationToken: Ct);
        await new TableStoreInitializer(tables, new FakeTimeProvider(Now)).InitializeAsync(Ct);
        Assert.Contains(("+15550100003", SubscriberEntity.LegacyRowKey), await KeysAsync(tables.Subscribers));
    }

    [Fact]
    public async Task Initialize_RowInBothLayouts_KeepsTheCurrentOneAndDropsTheOriginal()
    {
        var tables = await CreateWithoutMarkerAsync();
        var current = TableStoreTestData.Subscriber(Phone.Value) with { Name = "Current" };
        await tables.Subscribers.AddEntityAsync(OldLayout(current with { Name = "Old" }), cancellationToken: Ct);
        await new TableSubscriberStore(tables).TryInsertAsync(current, Ct);

        await new TableStoreInitializer(tables, new FakeTimeProvider(Now)).InitializeAsync(Ct);

        Assert.Equal("Current", (await new TableSubscriberStore(tables).GetAsync(Phone, Ct))?.Value.Name);
        Assert.Equal([(Phone.Value, Phone.Value)], await KeysAsync(tables.Subscribers));
    }

    [Fact]
    public async Task Initialize_AfterAnInterruptedStart_MovesTheDeliveriesOfSubscribersMovedBefore()
    {
        var tables = await CreateWithoutMarkerAsync();
        await new TableSubscriberStore(tables).TryInsertAsync(TableStoreTestData.Subscriber(Phone.Value), Ct);
        await AddLegacyDeliveryAsync(tables, Claim(Phone, "2026-03-10"));
        await AddLegacyDeliveryAsync(tables, Claim(Other, "2026-03-10")); // no subscriber any more: nothing claims it again

        await new TableStoreInitializer(tables, new FakeTimeProvider(Now)).InitializeAsync(Ct);

        Assert.Equal([(Phone.Value, Phone.Value + "|2026-03-10"), (Other.Value, "2026-03-10")], await KeysAsync(tables.Deliveries));
        Assert.False(await new TableDeliveryStore(tables).TryClaimAsync(Claim(Phone, "2026-03-10") with { ClaimId = "another-sender" }, Ct));
    }

    [Theory]
    [InlineData("+15550100001", "+15550100001|2026-03-10", "2026-03-10")]
    [InlineData("+15550100001", "+15550100001|2026-03-10-more2", "2026-03-10-more2")]
    [InlineData("+15550100001", "+15550100001|it's|odd", "it's|odd")]
    [InlineData("+15550100001", "2026-03-10", "2026-03-10")]
    [InlineData("+15550100001", "+15550100002|2026-03-10", "+15550100002|2026-03-10")]
    public void KeyOf_EitherLayout_GivesTheDeliveryKey(string partitionKey, string rowKey, string key)
    {
        Assert.Equal(key, TableDeliveryStore.KeyOf(partitionKey, rowKey));
        if (rowKey.StartsWith(partitionKey + "|", StringComparison.Ordinal))
        {
            Assert.Equal(rowKey, TableDeliveryStore.RowKeyFor(partitionKey, key));
        }
    }

    private static DeliveryRecord Claim(PhoneNumber phone, string key) =>
        new(phone, key, DateOnly.ParseExact(key[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "p1", DeliveryStatus.Claimed, Now, Now)
        {
            ClaimId = "claim-" + key,
        };

    /// <summary>Tables as a store written before the current layout has them: created, with no marker of the move.</summary>
    private async Task<TableStoreTables> CreateWithoutMarkerAsync()
    {
        var tables = new TableStoreTables(azurite.CreateServiceClient(), AzuriteFixture.NewPrefix());
        foreach (var table in tables.All)
        {
            await table.CreateIfNotExistsAsync(Ct);
        }

        return tables;
    }

    /// <summary>A delivery row as the old layout wrote it: the row the store writes, moved to its bare key as row key.</summary>
    private static async Task AddLegacyDeliveryAsync(TableStoreTables tables, DeliveryRecord delivery)
    {
        var rowKey = TableDeliveryStore.RowKeyFor(delivery.Phone.Value, delivery.Key);
        Assert.True(await new TableDeliveryStore(tables).TryClaimAsync(delivery, Ct));
        var written = (await tables.Deliveries.GetEntityAsync<TableEntity>(delivery.Phone.Value, rowKey, cancellationToken: Ct)).Value;
        await tables.Deliveries.DeleteEntityAsync(delivery.Phone.Value, rowKey, written.ETag, Ct);
        await tables.Deliveries.AddEntityAsync(TableWrites.CopyOf(written, rowKey: delivery.Key), cancellationToken: Ct);
    }

    /// <summary>A subscriber row as the old layout wrote it: RK <c>sub</c>.</summary>
    private static TableEntity OldLayout(Subscriber subscriber) =>
        TableWrites.CopyOf(SubscriberEntity.ToEntity(subscriber), rowKey: SubscriberEntity.LegacyRowKey);

    private static async Task<List<(string, string)>> KeysAsync(TableClient table)
    {
        var keys = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: Ct))
        {
            keys.Add((row.PartitionKey, row.RowKey));
        }

        return keys;
    }
}
