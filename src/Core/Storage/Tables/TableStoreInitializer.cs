using Azure;

namespace Reminders.Core.Storage.Tables;

/// <summary>Creates every table if missing (safe on every start and from several instances) and probes reachability.</summary>
public sealed class TableStoreInitializer(TableStoreTables tables, TimeProvider time) : IStoreInitializer
{
    /// <summary>How long the health probe may take, retries included, before it reports unreachable.</summary>
    public static readonly TimeSpan ProbeBudget = TimeSpan.FromSeconds(5);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        foreach (var table in tables.All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
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
}
