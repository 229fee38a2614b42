using Microsoft.Extensions.Logging;
using Reminders.Core.Storage;

namespace Reminders.Core.Delivery;

/// <summary>
/// Adds to the per-prompt daily counters on behalf of status callbacks and replies. Counting is best effort: a
/// failure is logged and never undoes or blocks the opt-out, status change or reply that caused it.
/// </summary>
public sealed partial class PromptStatsRecorder(IStatsStore stats, ILogger<PromptStatsRecorder> logger)
{
    /// <summary>
    /// Counts one <paramref name="counter"/> for the delivery's local date and prompt, once per delivery (a repeated
    /// callback or reply does not count again); nothing when it has no prompt.
    /// </summary>
    public Task CountAsync(DeliveryRecord delivery, StatCounter counter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.PromptId is { } promptId
            ? CountAsync(delivery.LocalDate, promptId, counter, StatEvents.ForDelivery(delivery), cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Counts one <paramref name="counter"/> for (<paramref name="date"/>, <paramref name="promptId"/>), once per <paramref name="eventId"/>.</summary>
    public async Task CountAsync(DateOnly date, string promptId, StatCounter counter, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await stats.IncrementAsync(date, promptId, counter, eventId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Stats are a side channel; losing one count must not fail an opt-out or a callback.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCountFailed(ex, counter, date, promptId);
        }
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Could not count {Counter} for {Date} / {PromptId}")]
    private partial void LogCountFailed(Exception exception, StatCounter counter, DateOnly date, string promptId);
}
