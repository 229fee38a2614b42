using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// Spaces outbound texts to <see cref="DeliveryOptions.MaxMessagesPerSecond"/> segments per second for every send
/// in the process (register it once, as a singleton). Each text reserves the next free slot and occupies the sender
/// for one interval per segment; the wait runs on the injected clock, so tests move time by hand.
/// </summary>
public sealed class SendPacer
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private DateTimeOffset _nextFree = DateTimeOffset.MinValue;

    public SendPacer(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var perSecond = options.Value.MaxMessagesPerSecond;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _interval = TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / perSecond));
        _time = time;
    }

    /// <summary>The time one segment occupies the sender.</summary>
    public TimeSpan Interval => _interval;

    /// <summary>Waits for the next free slot for a text of <paramref name="segments"/> segments, then returns.</summary>
    public async Task WaitTurnAsync(int segments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var wait = Reserve(segments);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>Reserves the next slot and returns how long the caller must wait for it (zero when the sender is free).</summary>
    internal TimeSpan Reserve(int segments)
    {
        var occupied = _interval * Math.Max(1, segments);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var start = _nextFree > now ? _nextFree : now;
            _nextFree = start + occupied;
            return start - now;
        }
    }
}
