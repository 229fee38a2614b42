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
/// <para>
/// Timers also wake late: a millisecond or more on a busy machine. A stretch therefore goes on while its schedule is
/// at most <see cref="CatchUp"/> behind the clock, and a sender woken late takes the slot that was due rather than
/// losing it. (Ending the stretch at the first late wake dropped those slots: 16 senders at 10,000/s reached only
/// about 4,200/s.) It ends once the sender has been idle for longer; time not used beyond that is not saved up for a
/// burst. So over any span of time T at most rate x (T + <see cref="CatchUp"/>) + 2 segments start.
/// </para>
/// </summary>
public sealed class SendPacer
{
    /// <summary>The shortest wait a timer can keep.</summary>
    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);

    /// <summary>How far a busy stretch's schedule may fall behind the clock and still go on (see the class remarks).</summary>
    internal static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(10);

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
            if (_origin + Offset(_reserved) + CatchUp <= now)
            {
                // The sender was idle: a new stretch starts now (time not used is not saved up for a burst). Behind the
                // clock by less than CatchUp, the stretch goes on: a timer woke its sender late, and the slot stays due.
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
