namespace Reminders.Core.Subscribers;

/// <summary>Where a subscriber is in its lifecycle. Only <see cref="Active"/> receives daily nudges.</summary>
public enum SubscriberStatus
{
    /// <summary>Signed up, waiting for the YES reply that confirms consent.</summary>
    Pending,

    /// <summary>Receives one nudge a day.</summary>
    Active,

    /// <summary>Temporarily silent until <see cref="Subscriber.PausedUntil"/> (inclusive), or until RESUME.</summary>
    Paused,

    /// <summary>Opted out; nothing is sent until the subscriber texts START again.</summary>
    Stopped,
}
