using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// Spaces outbound texts to <see cref="DeliveryOptions.MaxMessagesPerSecond"/> segments per second for every send
/// in the process (register it once, as a singleton), whatever the number of concurrent senders. Each text reserves
/// the next free slots (one per segment) on a schedule that counts slots from the start of a busy stretch, so the
/// n-th segment of the stretch never starts before start + n / rate: the rate holds exactly, with no rounding drift
/// at high rates. A text never goes before its slot. The wait runs on the injected clock, so tests move time by hand.
/// <para>
/// Timers count whole milliseconds, so a wait shorter than one (at more than 1,000 segments/s) is not a sleep of its
/// own: it is rounded up to one millisecond, and the texts whose slots fell inside that millisecond then go
/// together. The rate over any stretch is unchanged; only the sends are grouped per millisecond.
/// </para>
/// </summary>
public sealed class SendPacer
{
    /// <summary>The shortest wait a timer can keep.</summary>
    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private DateTimeOffset _origin = DateTimeOffset.MinValue;
    private long _reserved;

    public SendPacer(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _perSecond = options.Value.MaxMessagesPerSecond;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_perSecond);
        Interval = TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / _perSecond));
        _time = time;
    }

    /// <summary>The time one segment occupies the sender (rounded up to a tick).</summary>
    public TimeSpan Interval { get; }

    /// <summary>Waits for the next free slot for a text of <paramref name="segments"/> segments, then returns.</summary>
    public async Task WaitTurnAsync(int segments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var slot = ReserveSlot(segments);
        // Never before the slot: the clock is read again after each wait, and each wait is at least a millisecond.
        for (var now = _time.GetUtcNow(); now < slot; now = _time.GetUtcNow())
        {
            await Task.Delay(RoundUp(slot - now), _time, cancellationToken);
        }
    }

    /// <summary>Reserves the next slot and returns how long the caller must wait for it (zero when the sender is free).</summary>
    internal TimeSpan Reserve(int segments)
    {
        var slot = ReserveSlot(segments);
        var wait = slot - _time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private DateTimeOffset ReserveSlot(int segments)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_origin + Offset(_reserved) <= now)
            {
                // The sender was idle: a new stretch starts now (time not used is not saved up for a burst).
                _origin = now;
                _reserved = 0;
            }

            var start = _origin + Offset(_reserved);
            _reserved += Math.Max(1, segments);
            return start;
        }
    }

    /// <summary>When the <paramref name="slots"/>-th slot of a stretch starts, rounded up to a tick (never early).</summary>
    private TimeSpan Offset(long slots) =>
        slots == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling(slots * (double)TimeSpan.TicksPerSecond / _perSecond));

    private static TimeSpan RoundUp(TimeSpan wait) =>
        wait <= TimerResolution ? TimerResolution : TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
}
