using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Moves rows of the old key layout to the current one, once per store, before anything else reads it (it runs in
/// <see cref="TableStoreInitializer.InitializeAsync"/>, which the app's readiness gate waits for).
/// <list type="bullet">
/// <item>Subscribers: RK <c>sub</c> becomes RK phone (<see cref="SubscriberEntity.RowKeyFor"/>). All of them.</item>
/// <item>Deliveries: RK <c>{key}</c> becomes <c>{phone}|{key}</c> (<see cref="TableDeliveryStore.RowKeyFor"/>), for local
/// dates from <see cref="DeliveryWindowDays"/> days before today (UTC) on, in every subscriber's partition: every day a claim, a
/// status callback or a reply can still look up by key. Older rows (and those of numbers that are no longer
/// subscribers, which nothing claims again) keep their bare key; a partition query (history, export, erase) reads both
/// layouts.</item>
/// </list>
/// Each row moves in one entity-group transaction of its partition (insert the copy, delete the original If-Match its
/// ETag), so a row is never in both layouts nor in neither, and instances that start together cannot undo each other. A
/// copy that exists already (written by this version) wins: the original is deleted. A marker row in State records
/// that the move is done; later starts read only that row.
/// </summary>
internal static class TableRowKeyMigration
{
    /// <summary>How far back the deliveries move, in days: a week, every day of it still looked up by its key.</summary>
    public const int DeliveryWindowDays = 7;

    private const string MarkerPartition = "schema";
    private const string MarkerRow = "row-keys";
    private const int MaxPasses = 5;
    private const int Concurrency = 16;

    /// <summary>Moves what is left to move; returns how many rows moved (0 when the marker says it is done).</summary>
    public static async Task<int> RunAsync(TableStoreTables tables, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        if (await TableWrites.GetAsync(tables.State, MarkerPartition, MarkerRow, cancellationToken) is not null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var from = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-DeliveryWindowDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var legacySubscribers = TableClient.CreateQueryFilter($"RowKey eq {SubscriberEntity.LegacyRowKey}");
        var moved = await MoveAsync(
            tables.Subscribers,
            () => TableQueries.AllAsync(tables.Subscribers, legacySubscribers, cancellationToken),
            row => row.PartitionKey,
            Concurrency,
            cancellationToken);

        // Deliveries partition by partition, for every subscriber (moved now or by an earlier, interrupted start): a
        // range of bare keys from the window's first date (a bare key starts with its local date, a digit; the current
        // layout starts with the phone's '+'). Bounded by the subscribers, not by the years of history the table holds.
        var phones = await TableQueries.AllAsync(tables.Subscribers, null, cancellationToken, ["PartitionKey"]);
        await Parallel.ForEachAsync(
            phones,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (subscriber, token) =>
            {
                var recent = TableClient.CreateQueryFilter($"PartitionKey eq {subscriber.PartitionKey} and RowKey ge {from} and RowKey lt {":"}");
                var count = await MoveAsync(
                    tables.Deliveries,
                    () => TableQueries.AllAsync(tables.Deliveries, recent, token),
                    row => TableDeliveryStore.RowKeyFor(row.PartitionKey, row.RowKey),
                    1,
                    token);
                Interlocked.Add(ref moved, count);
            });

        var marker = TableWrites.Entity(MarkerPartition, MarkerRow);
        marker["DeliveriesFrom"] = from;
        marker["At"] = now;
        using var response = await tables.State.UpsertEntityAsync(marker, TableUpdateMode.Replace, cancellationToken);
        return moved;
    }

    /// <summary>
    /// Pass after pass until the filter finds nothing: a transaction that failed because another instance moved or changed
    /// the row meanwhile is tried again on the next pass, against the row as it is then.
    /// </summary>
    private static async Task<int> MoveAsync(
        TableClient table, Func<Task<List<TableEntity>>> query, Func<TableEntity, string> rowKey, int concurrency, CancellationToken cancellationToken)
    {
        var moved = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var rows = await query();
            if (rows.Count == 0)
            {
                return moved;
            }

            await Parallel.ForEachAsync(
                rows,
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (row, token) =>
                {
                    if (await MoveOneAsync(table, row, rowKey(row), token))
                    {
                        Interlocked.Increment(ref moved);
                    }
                });
        }

        throw new InvalidOperationException(
            $"Rows of the old key layout in table {table.Name} kept changing during {MaxPasses} passes; start again.");
    }

    private static async Task<bool> MoveOneAsync(TableClient table, TableEntity row, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, TableWrites.CopyOf(row, rowKey: rowKey)),
                    new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag),
                ],
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (TableStoreErrors.IsAlreadyExists(ex))
        {
            // The current layout has the row already: it is the one in use, so the original only goes.
            await DeleteAsync(table, row, cancellationToken);
            return false;
        }
        catch (TableTransactionFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
            return false; // moved or changed by someone else meanwhile: the next pass sees what is left
        }
    }

    /// <summary>Deletes the original If-Match its ETag; gone or changed meanwhile, it is left to the next pass.</summary>
    private static async Task DeleteAsync(TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (TableStoreErrors.IsStaleOrMissing(ex))
        {
        }
    }
}
