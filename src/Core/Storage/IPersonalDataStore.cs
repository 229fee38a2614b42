using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage;

/// <summary>
/// What erase, export and suppression need beyond the other ports: the rows keyed by a number that no other port
/// deletes, the consent log moved under a pseudonym, the hashed suppression list, and the key the hashes are made with.
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>
    /// Deletes every delivery, outbound message (with its body), inbound marker and webhook record, stats event marker
    /// and scan-quarantine entry of <paramref name="phone"/>. The stats markers are found through
    /// <paramref name="deliveries"/> (read before they are deleted). Idempotent.
    /// </summary>
    Task EraseAsync(PhoneNumber phone, IReadOnlyList<DeliveryRecord> deliveries, CancellationToken cancellationToken);

    /// <summary>Moves the phone's consent events under <paramref name="pseudonym"/> (kept as evidence, no longer naming the number). Idempotent.</summary>
    Task PseudonymiseConsentAsync(PhoneNumber phone, string pseudonym, CancellationToken cancellationToken);

    /// <summary>The consent events kept under <paramref name="pseudonym"/>, newest first, reported as <paramref name="phone"/>'s.</summary>
    Task<IReadOnlyList<ConsentEvent>> ListPseudonymousConsentAsync(string pseudonym, PhoneNumber phone, CancellationToken cancellationToken);

    /// <summary>Inbound webhook records and once-a-day markers of the phone, for an export.</summary>
    Task<InboundRecords> ListInboundAsync(PhoneNumber phone, CancellationToken cancellationToken);

    Task AddSuppressionAsync(string hash, DateTimeOffset atUtc, CancellationToken cancellationToken);

    Task<bool> IsSuppressedAsync(string hash, CancellationToken cancellationToken);

    Task RemoveSuppressionAsync(string hash, CancellationToken cancellationToken);

    /// <summary>The stored hashing key; stores <paramref name="candidate"/> when there is none yet (first writer wins).</summary>
    Task<byte[]> GetOrCreateKeyAsync(byte[] candidate, CancellationToken cancellationToken);
}

/// <summary>The inbound SMS records kept on one number.</summary>
/// <param name="Messages">Webhook de-duplication records (with the reply given).</param>
/// <param name="Markers">Once-a-day markers as <c>{marker}-{yyyy-MM-dd}</c>.</param>
public sealed record InboundRecords(IReadOnlyList<InboundMessage> Messages, IReadOnlyList<string> Markers);
