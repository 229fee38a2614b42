using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Delivery;
using Reminders.Functions.Hosting;

namespace Reminders.Functions.Functions;

/// <summary>
/// The <c>nudge-batches</c> queue trigger: sends one batch through Core's <see cref="BatchSender"/>. A storage failure
/// throws, so the host makes the message visible again and after <c>maxDequeueCount</c> deliveries moves it to
/// <c>nudge-batches-poison</c>; each subscriber's claim on the day keeps a redelivery from texting anyone twice.
/// A malformed batch can never succeed: it is logged as poison and completed, not retried.
/// </summary>
internal sealed partial class SendBatch(StoreReadiness store, BatchSender sender, ILogger<SendBatch> logger)
{
    [Function(nameof(SendBatch))]
    public async Task<BatchResult?> RunAsync([QueueTrigger(BatchMessages.QueueName)] NudgeBatch? batch, CancellationToken cancellationToken)
    {
        if (!BatchMessages.IsWellFormed(batch))
        {
            LogMalformed();
            return null;
        }

        await store.WaitAsync(cancellationToken);
        var result = await sender.SendAsync(batch, cancellationToken);
        LogSent(batch.Items.Count, result.Sent, result.Skipped, result.AlreadyClaimed, result.Failed);
        return result;
    }

    [LoggerMessage(EventId = 4311, Level = LogLevel.Error, Message = "SendBatch: the message is not a batch (items, each with a phone and a dueUtc); dropped as poison, nothing sent")]
    private partial void LogMalformed();

    [LoggerMessage(EventId = 4312, Level = LogLevel.Information, Message = "SendBatch: {Items} subscribers, {Sent} sent, {Skipped} skipped, {AlreadyClaimed} already claimed, {Failed} failed")]
    private partial void LogSent(int items, int sent, int skipped, int alreadyClaimed, int failed);
}
