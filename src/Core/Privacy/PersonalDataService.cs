using Microsoft.Extensions.Logging;
using Reminders.Core.Delivery;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Privacy;

/// <summary>
/// Erase and export of everything held on one number, and the suppression list of erased numbers that had opted out.
/// Erase removes the subscriber, its due-index row, deliveries, message log (bodies included), inbound markers and
/// webhook records, the stats event markers that name the number, and its scan-quarantine entry. The consent log is
/// kept as evidence, moved under an HMAC pseudonym so it no longer names the number; a number that had opted out
/// gets a hashed suppression entry that only an opt-in texted from the number lifts.
/// </summary>
public sealed partial class PersonalDataService(
    ISubscriberStore subscribers,
    SubscriberUpdater updater,
    IDeliveryStore deliveries,
    IMessageLog messages,
    IConsentLog consent,
    IScanQuarantine quarantine,
    IPersonalDataStore store,
    NumberHasher hasher,
    TimeProvider time,
    ILogger<PersonalDataService> logger)
{
    /// <summary>The most messages an export lists.</summary>
    public const int MaxExportedMessages = 10_000;

    /// <summary>
    /// Erases everything held on <paramref name="phone"/>. True when anything was held; false (and nothing written)
    /// when the number was unknown. Repeating an interrupted erase finishes it.
    /// </summary>
    public async Task<bool> EraseAsync(PhoneNumber phone, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var stored = await subscribers.GetAsync(phone, cancellationToken);
        var events = await consent.ListAsync(phone, cancellationToken);
        var sent = await deliveries.ListAsync(phone, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken);
        var logged = await messages.ListAsync(phone, 1, cancellationToken);
        var inbound = await store.ListInboundAsync(phone, cancellationToken);
        var quarantined = await quarantine.GetAsync(phone.Value, cancellationToken);
        if (stored is null && events.Count == 0 && sent.Count == 0 && logged.Count == 0 && inbound.Messages.Count == 0
            && inbound.Markers.Count == 0 && quarantined is null)
        {
            return false;
        }

        var optedOut = stored is not null ? stored.Value.Status == SubscriberStatus.Stopped : LastStatusEventIsStop(events);
        var now = time.GetUtcNow();
        var hash = await hasher.HashAsync(phone, cancellationToken);

        // Suppression first: an erase cut short never leaves an opted-out number free to be signed up again.
        if (optedOut)
        {
            await store.AddSuppressionAsync(hash, now, cancellationToken);
        }

        await store.EraseAsync(phone, sent, cancellationToken);
        await updater.DeleteAsync(phone, cancellationToken);
        await consent.AppendAsync(new ConsentEvent(phone, now, ConsentEventKinds.Erased, ConsentSources.Admin, actor), cancellationToken);
        await store.PseudonymiseConsentAsync(phone, await hasher.PseudonymAsync(phone, cancellationToken), cancellationToken);
        LogErased(phone.Masked, actor, optedOut);
        return true;
    }

    /// <summary>Everything held on <paramref name="phone"/> (for a subject access request); null when nothing is.</summary>
    public async Task<PersonalDataExport?> ExportAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var stored = await subscribers.GetAsync(phone, cancellationToken);
        var events = await consent.ListAsync(phone, cancellationToken);
        var erasedEvents = await store.ListPseudonymousConsentAsync(await hasher.PseudonymAsync(phone, cancellationToken), phone, cancellationToken);
        var sent = await deliveries.ListAsync(phone, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken);
        var logged = await messages.ListAsync(phone, MaxExportedMessages, cancellationToken);
        var inbound = await store.ListInboundAsync(phone, cancellationToken);
        var quarantined = await quarantine.GetAsync(phone.Value, cancellationToken);
        var suppressed = await IsSuppressedAsync(phone, cancellationToken);
        if (stored is null && events.Count == 0 && erasedEvents.Count == 0 && sent.Count == 0 && logged.Count == 0
            && inbound.Messages.Count == 0 && inbound.Markers.Count == 0 && quarantined is null && !suppressed)
        {
            return null;
        }

        return new PersonalDataExport(
            phone.Value,
            time.GetUtcNow(),
            stored?.Value,
            [.. events, .. erasedEvents],
            sent,
            logged,
            inbound,
            quarantined,
            suppressed);
    }

    /// <summary>Whether the number was erased after opting out (so only an opt-in texted from it may subscribe it).</summary>
    public async Task<bool> IsSuppressedAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        await store.IsSuppressedAsync(await hasher.HashAsync(phone, cancellationToken), cancellationToken);

    /// <summary>Lifts the suppression: only for an opt-in texted from the number itself.</summary>
    public async Task LiftSuppressionAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var hash = await hasher.HashAsync(phone, cancellationToken);
        if (await store.IsSuppressedAsync(hash, cancellationToken))
        {
            await store.RemoveSuppressionAsync(hash, cancellationToken);
            LogLifted(phone.Masked);
        }
    }

    private static bool LastStatusEventIsStop(IReadOnlyList<ConsentEvent> newestFirst) =>
        newestFirst.FirstOrDefault(e => e.Kind is not ConsentEventKinds.Erased)?.Kind is ConsentEventKinds.Stopped or ConsentEventKinds.Bounced;

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Erased everything held on {Phone} at the request of {Actor}; suppressed: {Suppressed}")]
    private partial void LogErased(string phone, string actor, bool suppressed);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Suppression of {Phone} lifted by an opt-in texted from the number")]
    private partial void LogLifted(string phone);
}

/// <summary>Everything held on one number, as one document.</summary>
/// <param name="Phone">The E.164 number asked about.</param>
/// <param name="ExportedAt">When the export was made.</param>
/// <param name="Subscriber">The subscription, or null.</param>
/// <param name="Consent">Consent events, newest first (those kept under the pseudonym of an earlier erase included).</param>
/// <param name="Deliveries">Daily nudge deliveries, oldest first.</param>
/// <param name="Messages">Outbound texts, newest first (bodies while retained).</param>
/// <param name="Inbound">Inbound webhook records and once-a-day markers.</param>
/// <param name="ScanQuarantine">The scan-quarantine entry, or null.</param>
/// <param name="Suppressed">True when the number is on the suppression list.</param>
public sealed record PersonalDataExport(
    string Phone,
    DateTimeOffset ExportedAt,
    Subscriber? Subscriber,
    IReadOnlyList<ConsentEvent> Consent,
    IReadOnlyList<DeliveryRecord> Deliveries,
    IReadOnlyList<OutboundMessage> Messages,
    InboundRecords Inbound,
    QuarantinedRow? ScanQuarantine,
    bool Suppressed);
