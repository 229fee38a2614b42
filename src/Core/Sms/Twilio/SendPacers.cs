using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// The process's two pacing budgets (register once, as a singleton): <see cref="Nudges"/> at
/// <see cref="DeliveryOptions.MaxMessagesPerSecond"/> for the daily nudges and every other text, and
/// <see cref="Confirmations"/> at <see cref="DeliveryOptions.ConfirmationMessagesPerSecond"/> for confirmation requests.
/// A burst of signups queues behind the confirmation pacer only, so it cannot push the day's nudges late.
/// </summary>
public sealed class SendPacers
{
    public SendPacers(SendPacer nudges, IOptions<DeliveryOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(nudges);
        ArgumentNullException.ThrowIfNull(options);
        Nudges = nudges;
        // A pacer of its own: the same pacing, configured with the confirmation rate.
        Confirmations = new SendPacer(Options.Create(new DeliveryOptions { MaxMessagesPerSecond = options.Value.ConfirmationMessagesPerSecond }), time);
    }

    /// <summary>The daily nudges (and extras): <see cref="DeliveryOptions.MaxMessagesPerSecond"/>.</summary>
    public SendPacer Nudges { get; }

    /// <summary>Confirmation requests: <see cref="DeliveryOptions.ConfirmationMessagesPerSecond"/>.</summary>
    public SendPacer Confirmations { get; }

    /// <summary>The pacer for a text of <paramref name="kind"/> (<see cref="OutboundMessageKinds"/>).</summary>
    public SendPacer For(string? kind) => kind == OutboundMessageKinds.Confirmation ? Confirmations : Nudges;
}
