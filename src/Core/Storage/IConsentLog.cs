using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage;

/// <summary>Append-only consent events per phone.</summary>
public interface IConsentLog
{
    Task AppendAsync(ConsentEvent consentEvent, CancellationToken cancellationToken);

    /// <summary>The phone's events, newest first.</summary>
    Task<IReadOnlyList<ConsentEvent>> ListAsync(PhoneNumber phone, CancellationToken cancellationToken);
}
