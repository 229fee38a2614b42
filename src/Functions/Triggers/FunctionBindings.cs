namespace Reminders.Functions.Triggers;

/// <summary>
/// Function and binding names shared with <c>FunctionApp/&lt;Name&gt;/function.json</c>. The host POSTs to
/// <c>/{function name}</c>, keys <c>Data</c> by the trigger's binding name and reads <c>Outputs</c> by the output
/// binding name (case-sensitive), so these must equal the JSON; a test checks that they do.
/// </summary>
internal static class FunctionBindings
{
    /// <summary>The timer function (folder <c>FunctionApp/DueScan</c>).</summary>
    public const string DueScan = "DueScan";

    /// <summary>The <c>timerTrigger</c> binding of <see cref="DueScan"/>.</summary>
    public const string DueScanTimer = "timer";

    /// <summary>The <c>queue</c> output binding of <see cref="DueScan"/> (queue <see cref="BatchQueue"/>).</summary>
    public const string DueScanBatches = "batches";

    /// <summary>The queue-triggered function (folder <c>FunctionApp/SendBatch</c>).</summary>
    public const string SendBatch = "SendBatch";

    /// <summary>The <c>queueTrigger</c> binding of <see cref="SendBatch"/>.</summary>
    public const string SendBatchMessage = "batch";

    /// <summary>The Storage Queue between the two.</summary>
    public const string BatchQueue = "nudge-batches";
}
