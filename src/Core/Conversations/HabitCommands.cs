using System.Globalization;
using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Scheduling;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Conversations;

/// <summary>
/// DONE, MORE and WHY: the replies about the habits themselves. DONE counts at most once a local day and never
/// mentions streaks. MORE answers with one extra prompt, at most <see cref="MaxExtrasPerDay"/> a day, each claimed as
/// a delivery <c>{yyyy-MM-dd}-more{n}</c> and picked like the daily one with salt n. WHY answers with the why-line of
/// today's prompt, or of the last prompt sent.
/// </summary>
public sealed class HabitCommands(
    ISubscriberStore subscribers,
    SubscriberUpdater updater,
    IDeliveryStore deliveries,
    IPromptStore prompts,
    IInboundLog inbound,
    NudgeHistory history,
    PromptStatsRecorder stats,
    ReplyTexts texts)
{
    /// <summary>Extra prompts a subscriber may ask for in one local day.</summary>
    public const int MaxExtrasPerDay = 2;

    /// <summary>
    /// DONE: once today's nudge went out, counts the day (DoneCount and the prompt's DONE counter, once a day) and says
    /// so. Before today's nudge it only says the idea is still coming.
    /// </summary>
    public async Task<string?> DoneAsync(ConversationContext context, Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subscriber);
        var today = SendSchedule.LocalDate(subscriber.TimeZone, context.Now);
        var nudge = await history.SentOnAsync(context.Phone, today, cancellationToken);
        var stillComing = nudge is null && subscriber.Status == SubscriberStatus.Active
            && subscriber.NextDueUtc is { } due && SendSchedule.LocalDate(subscriber.TimeZone, due) == today;
        if (stillComing)
        {
            return texts.DoneBeforeNudge();
        }

        if (await inbound.TryMarkAsync(context.Phone, ConversationMarkers.Done, today, cancellationToken))
        {
            await updater.UpdateAsync(context.Phone, s => s with { DoneCount = s.DoneCount + 1 }, cancellationToken);
            if (nudge is not null)
            {
                await stats.CountAsync(nudge, StatCounter.Done, cancellationToken);
            }
        }

        return texts.Done();
    }

    /// <summary>MORE: the next extra prompt of the day, or why there is none.</summary>
    public async Task<string?> MoreAsync(ConversationContext context, Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subscriber);
        var today = SendSchedule.LocalDate(subscriber.TimeZone, context.Now);
        var library = (await prompts.ListAsync(cancellationToken)).Select(p => p.Value).ToList();
        var todays = await deliveries.ListAsync(context.Phone, today, today, cancellationToken);
        var sentToday = todays.Select(d => d.PromptId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var n = 1; n <= MaxExtrasPerDay; n++)
        {
            var key = ExtraKey(today, n);
            if (todays.Any(d => d.Key == key))
            {
                continue;
            }

            var current = (await subscribers.GetAsync(context.Phone, cancellationToken))?.Value ?? subscriber;
            var prompt = PromptRotation.Pick(library, current.Categories, current.Household, current.RecentPromptIds, context.Phone, today, n);
            if (prompt is null || sentToday.Contains(prompt.Id))
            {
                return texts.NoMorePrompts();
            }

            var claim = new DeliveryRecord(context.Phone, key, today, prompt.Id, DeliveryStatus.Accepted, context.Now, context.Now)
            {
                Detail = "extra prompt sent as the TwiML reply to MORE",
            };
            if (!await deliveries.TryClaimAsync(claim, cancellationToken))
            {
                // Another MORE took this one at the same moment; try the next.
                sentToday.Add(prompt.Id);
                continue;
            }

            await updater.UpdateAsync(context.Phone, s => s.RememberPrompt(prompt.Id), cancellationToken);
            return ReplyTexts.More(prompt.Text);
        }

        return texts.MoreLimitReached(MaxExtrasPerDay);
    }

    /// <summary>WHY: the why-line of today's nudge, else of the last prompt sent.</summary>
    public async Task<string?> WhyAsync(ConversationContext context, Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(subscriber);
        var today = SendSchedule.LocalDate(subscriber.TimeZone, context.Now);
        var promptId = (await history.SentOnAsync(context.Phone, today, cancellationToken))?.PromptId
            ?? (subscriber.RecentPromptIds.Count > 0 ? subscriber.RecentPromptIds[0] : null);
        var prompt = promptId is null ? null : (await prompts.GetAsync(promptId, cancellationToken))?.Value;
        return texts.Why(prompt?.Why);
    }

    /// <summary>The delivery key of extra prompt <paramref name="n"/> on <paramref name="localDate"/>: <c>2026-03-01-more1</c>.</summary>
    public static string ExtraKey(DateOnly localDate, int n) =>
        DeliveryRecord.DailyKey(localDate) + "-more" + n.ToString(CultureInfo.InvariantCulture);
}
