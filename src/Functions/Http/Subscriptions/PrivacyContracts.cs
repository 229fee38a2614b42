using Reminders.Core.Delivery;
using Reminders.Core.Privacy;
using Reminders.Core.Storage;

namespace Reminders.Functions.Http.Subscriptions;

/// <summary>Everything held on one number, as <c>GET /api/subscriptions/{phone}/export</c> returns it.</summary>
public sealed record PersonalDataView(
    string Phone,
    DateTimeOffset ExportedAt,
    SubscriberView? Subscriber,
    IReadOnlyList<ConsentView> Consent,
    IReadOnlyList<DeliveryView> Deliveries,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<InboundView> Inbound,
    IReadOnlyList<string> InboundMarkers,
    QuarantineView? ScanQuarantine,
    bool Suppressed)
{
    public static PersonalDataView From(PersonalDataExport e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.Phone,
            e.ExportedAt,
            e.Subscriber is null ? null : SubscriberView.From(e.Subscriber),
            [.. e.Consent.Select(c => new ConsentView(c.At, c.Kind, c.Source, c.Detail, c.MessageSid))],
            [.. e.Deliveries.Select(DeliveryView.From)],
            [.. e.Messages.Select(MessageView.From)],
            [.. e.Inbound.Messages.Select(m => new InboundView(m.MessageSid, m.ReceivedAt, m.Reply))],
            e.Inbound.Markers,
            e.ScanQuarantine is null ? null : QuarantineView.From(e.ScanQuarantine),
            e.Suppressed);
    }
}

/// <summary>One consent event.</summary>
public sealed record ConsentView(DateTimeOffset At, string Kind, string Source, string? Detail, string? MessageSid);

/// <summary>One daily delivery.</summary>
public sealed record DeliveryView(
    string Key, DateOnly LocalDate, string? PromptId, string Status, DateTimeOffset ClaimedAt, DateTimeOffset UpdatedAt,
    string? ProviderMessageId, int? ErrorCode, string? Detail)
{
    public static DeliveryView From(DeliveryRecord d) =>
        new(d.Key, d.LocalDate, d.PromptId, d.Status.ToString().ToLowerInvariant(), d.ClaimedAt, d.UpdatedAt, d.ProviderMessageId, d.ErrorCode, d.Detail);
}

/// <summary>One inbound text as remembered for de-duplication, with the reply given.</summary>
public sealed record InboundView(string MessageSid, DateTimeOffset ReceivedAt, string? Reply);

/// <summary>A due-index row the scan failed on. The phone is masked in lists and full only where the admin asked by number.</summary>
public sealed record QuarantineView(string Phone, DateTimeOffset DueUtc, int Failures, string Reason, DateTimeOffset LastFailureUtc, bool Quarantined)
{
    public static QuarantineView From(QuarantinedRow r) => new(r.Phone, r.DueUtc, r.Failures, r.Reason, r.LastFailureUtc, r.Quarantined);
}

/// <summary>What putting a quarantined subscriber back did.</summary>
public sealed record QuarantineReleaseView(string Outcome, DateTimeOffset? NextDueUtc, string? Reason);
