using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Conversations;

/// <summary>
/// TIME and ZONE: change the local send time or the time zone with the same rules as the API (a send time inside
/// quiet hours that leaves one scan interval before they end; an IANA zone), and move the next nudge at once.
/// A preference is not consent, so these write no consent event.
/// </summary>
public sealed class PreferenceCommands(SubscriberUpdater updater, ReplyTexts texts, IOptions<DeliveryOptions> delivery)
{
    /// <summary>TIME &lt;time&gt;: the new send time, or how to write one when <paramref name="at"/> is missing or outside the window.</summary>
    public async Task<string?> ChangeTimeAsync(ConversationContext context, TimeOnly? at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = delivery.Value;
        if (at is not { } sendAt || !SendSchedule.IsDeliverableSendTime(sendAt, options, options.ScanInterval))
        {
            return texts.TimeHelp(options.QuietHoursStart, options.LatestSendAt);
        }

        var stored = await ChangeAsync(context, s => s with { SendAt = sendAt }, cancellationToken);
        return stored is null ? null : texts.TimeChanged(sendAt);
    }

    /// <summary>ZONE &lt;zone&gt;: the new zone, or how to name one when <paramref name="timeZoneId"/> is missing or unknown.</summary>
    public async Task<string?> ChangeZoneAsync(ConversationContext context, string? timeZoneId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SubscriptionInput.TimeZone(timeZoneId, new FieldErrors()) is not { } zone)
        {
            return texts.ZoneHelp();
        }

        var stored = await ChangeAsync(context, s => s with { TimeZoneId = zone }, cancellationToken);
        return stored is null ? null : texts.ZoneChanged(zone, stored.SendAt);
    }

    /// <summary>PETS, NO PARTNER...: records whether <paramref name="who"/> is in the subscriber's life. Not consent, so no consent event.</summary>
    public async Task<string?> ChangeHouseholdAsync(ConversationContext context, Household who, bool has, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stored = await ChangeAsync(
            context, s => s with { Household = has ? s.Household | who : s.Household & ~who }, cancellationToken);
        return stored is null ? null : texts.HouseholdChanged(stored.Household);
    }

    /// <summary>Applies <paramref name="change"/> to an active or paused subscriber and recomputes its next due instant.</summary>
    private async Task<Subscriber?> ChangeAsync(ConversationContext context, Func<Subscriber, Subscriber> change, CancellationToken cancellationToken)
    {
        var now = context.Now;
        var stored = await updater.UpdateAsync(
            context.Phone,
            existing =>
            {
                if (existing.Status is not (SubscriberStatus.Active or SubscriberStatus.Paused))
                {
                    return null;
                }

                var next = change(existing);
                return next.Equals(existing) ? existing : SubscriberSchedule.Reschedule(next with { UpdatedAt = now }, now);
            },
            cancellationToken);
        return stored?.Value.Status is SubscriberStatus.Active or SubscriberStatus.Paused ? stored.Value : null;
    }
}
