using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Core.Delivery;

namespace Reminders.Functions.Triggers;

/// <summary>
/// <c>POST /SendBatch</c>: the <c>nudge-batches</c> queue invocation. Decodes the message and runs Core's batch
/// sender. A storage failure answers 500, so the host makes the message visible again and, after
/// <c>maxDequeueCount</c> attempts, moves it to <c>nudge-batches-poison</c>; each subscriber's claim on the day
/// keeps a retry from texting anyone twice. A message that cannot be decoded answers 400 and takes the same path.
/// </summary>
internal sealed partial class SendBatchTrigger(BatchSender sender, ILogger<SendBatchTrigger> logger)
{
    public async Task<Results<JsonHttpResult<InvocationResult>, ProblemHttpResult>> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (invocation, problem) = await HostInvocation.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!invocation!.TryGetData(FunctionBindings.SendBatchMessage, out var value))
        {
            return HostInvocation.Malformed($"Data has no '{FunctionBindings.SendBatchMessage}' queue message.");
        }

        var dequeueCount = invocation.MetadataNumber("DequeueCount");
        var messageId = invocation.MetadataText("Id");
        if (!QueueMessage.TryDecode(value, out var batch, out var error))
        {
            LogUndecodable(messageId, dequeueCount, error);
            return HostInvocation.Malformed(error);
        }

        BatchResult result;
        try
        {
            result = await sender.SendAsync(batch, cancellationToken);
        }
#pragma warning disable CA1031 // Any storage failure must become a non-2xx so the host retries (claims make the retry safe).
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFailed(ex, messageId, dequeueCount);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "The batch could not be sent",
                detail: "The store failed part-way; the message will be delivered again, and subscribers already texted are skipped.");
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"SendBatch message {messageId ?? "?"} (delivery {dequeueCount?.ToString(CultureInfo.InvariantCulture) ?? "?"}): {batch.Items.Count} subscribers, {result.Sent} sent, {result.Skipped} skipped, {result.AlreadyClaimed} already claimed, {result.Failed} failed");
        return TypedResults.Json(new InvocationResult(new Dictionary<string, object>(), [line]), TriggerJson.Options);
    }

    [LoggerMessage(EventId = 4311, Level = LogLevel.Warning, Message = "SendBatch message {MessageId} (delivery {DequeueCount}) cannot be decoded: {Error}")]
    private partial void LogUndecodable(string? messageId, long? dequeueCount, string error);

    [LoggerMessage(EventId = 4312, Level = LogLevel.Error, Message = "SendBatch message {MessageId} (delivery {DequeueCount}) failed; the host will retry it")]
    private partial void LogFailed(Exception exception, string? messageId, long? dequeueCount);
}
