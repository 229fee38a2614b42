using Reminders.Core.Storage;

namespace Reminders.Tests.Storage;

/// <summary>One instance of every store port, all backed by the same store under test.</summary>
public sealed record StoreSet(
    ISubscriberStore Subscribers,
    IScheduleIndex Schedule,
    IDeliveryStore Deliveries,
    IPromptStore Prompts,
    IConsentLog Consent,
    IMessageLog Messages,
    IStoreInitializer Initializer)
{
    /// <summary>The inbound SMS markers.</summary>
    public required IInboundLog Inbound { get; init; }
}
