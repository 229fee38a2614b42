using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Creates every table if missing and moves rows of the old key layout (<see cref="TableRowKeyMigration"/>), both safe on
/// every start and from several instances; probes reachability.
/// </summary>
public sealed partial class TableStoreInitializer(TableStoreTables tables, TimeProvider time, ILogger<TableStoreInitializer>? logger = null)
    : IStoreInitializer
{
    private readonly ILogger _logger = logger ?? NullLogger<TableStoreInitializer>.Instance;

    /// <summary>How long the health probe may take, retries included, before it reports unreachable.</summary>
    public static readonly TimeSpan ProbeBudget = TimeSpan.FromSeconds(5);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var table in tables.All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        if (await TableRowKeyMigration.RunAsync(tables, time, cancellationToken) is > 0 and var moved)
        {
            LogMoved(moved);
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(ProbeBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            await TableQueries.FirstPageAsync(tables.State, null, null, 1, linked.Token);
            return true;
        }
        catch (RequestFailedException)
        {
            return false;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException or IOException))
        {
            return false; // the SDK's retry policy gave up on transport failures (for example connection refused)
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 4410, Level = LogLevel.Information, Message = "Moved {Count} subscriber and delivery rows to the current row-key layout")]
    private partial void LogMoved(int count);
}
