using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Delivery;

/// <summary>Questions replies ask about the daily nudges a subscriber got: today's, and the one just before a STOP.</summary>
public sealed class NudgeHistory(IDeliveryStore deliveries)
{
    /// <summary>How long after a nudge a STOP counts as an opt-out caused by that nudge.</summary>
    public static readonly TimeSpan OptOutWindow = TimeSpan.FromDays(1);

    /// <summary>Whether a delivery in <paramref name="status"/> went out (or may have).</summary>
    public static bool WentOut(DeliveryStatus status) =>
        status is DeliveryStatus.Accepted or DeliveryStatus.Unknown or DeliveryStatus.Sent or DeliveryStatus.Delivered;

    /// <summary>The daily nudge of <paramref name="localDate"/> if it went out, else null.</summary>
    public async Task<DeliveryRecord?> SentOnAsync(PhoneNumber phone, DateOnly localDate, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.GetAsync(phone, DeliveryRecord.DailyKey(localDate), cancellationToken);
        return delivery is not null && WentOut(delivery.Status) ? delivery : null;
    }

    /// <summary>Whether the daily nudge of <paramref name="localDate"/> has been decided (sent, skipped or failed).</summary>
    public async Task<bool> IsDecidedAsync(PhoneNumber phone, DateOnly localDate, CancellationToken cancellationToken) =>
        await deliveries.GetAsync(phone, DeliveryRecord.DailyKey(localDate), cancellationToken) is not null;

    /// <summary>
    /// The latest daily nudge that went out within <see cref="OptOutWindow"/> before <paramref name="now"/>, or null.
    /// </summary>
    public async Task<DeliveryRecord?> LatestWithinOptOutWindowAsync(
        PhoneNumber phone, DateOnly localToday, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recent = await deliveries.ListAsync(phone, localToday.AddDays(-2), localToday, cancellationToken);
        return recent
            .Where(d => d.Key == DeliveryRecord.DailyKey(d.LocalDate) && WentOut(d.Status))
            .Where(d => d.ClaimedAt <= now && now - d.ClaimedAt <= OptOutWindow)
            .MaxBy(d => d.ClaimedAt);
    }
}
