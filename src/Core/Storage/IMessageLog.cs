using Reminders.Core.Sms;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Storage;

/// <summary>Every outbound text, whichever path sent it.</summary>
public interface IMessageLog
{
    Task AppendAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>The phone's most recent <paramref name="max"/> messages, newest first.</summary>
    Task<IReadOnlyList<OutboundMessage>> ListAsync(PhoneNumber phone, int max, CancellationToken cancellationToken);
}
