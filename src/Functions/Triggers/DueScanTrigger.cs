using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Core.Delivery;

namespace Reminders.Functions.Triggers;

/// <summary>
/// <c>POST /DueScan</c>: the timer invocation. Runs Core's due scan and hands its batches to the host as the
/// <c>batches</c> queue output (one message per array element). A repeated or past-due tick is harmless: the scan
/// reads only what is due since the last one, and SendBatch claims each subscriber's day.
/// </summary>
internal sealed partial class DueScanTrigger(DueScanner scanner, ILogger<DueScanTrigger> logger)
{
    public async Task<Results<JsonHttpResult<InvocationResult>, ProblemHttpResult>> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (invocation, problem) = await HostInvocation.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!invocation!.TryGetData(FunctionBindings.DueScanTimer, out var value))
        {
            return HostInvocation.Malformed($"Data has no '{FunctionBindings.DueScanTimer}' timer value.");
        }

        if (!TimerInfo.TryRead(value, out var timer, out var error))
        {
            return HostInvocation.Malformed(error);
        }

        DueScanResult result;
        try
        {
            result = await scanner.ScanAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Any storage failure becomes a failed invocation with a JSON body; the next tick scans again.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFailed(ex, timer.IsPastDue);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "The due scan failed",
                detail: "The store could not be read or updated; the next timer occurrence scans again.");
        }

        LogScanned(timer.IsPastDue, result.Due, result.Batches.Count);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"DueScan{(timer.IsPastDue ? " (past due)" : string.Empty)}: {result.Due} due in {result.Batches.Count} batches from {result.RowsRead} index rows");
        var outputs = new Dictionary<string, object> { [FunctionBindings.DueScanBatches] = result.Batches };
        return TypedResults.Json(new InvocationResult(outputs, [line]), TriggerJson.Options);
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "DueScan invocation (past due: {IsPastDue}): {Due} due in {Batches} batches")]
    private partial void LogScanned(bool isPastDue, int due, int batches);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error, Message = "DueScan invocation failed (past due: {IsPastDue})")]
    private partial void LogFailed(Exception exception, bool isPastDue);
}
