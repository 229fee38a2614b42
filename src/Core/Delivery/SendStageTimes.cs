namespace Reminders.Core.Delivery;

/// <summary>
/// Where a batch's items spent their time, summed over the items (safe from concurrent sends), on the injected clock's
/// timestamps: before the claim (re-read, decide, pick), the claim, the wait for a free send slot, the send (the pace and
/// the provider call) and the recording of the outcome. The batch's summary line reports the mean per item of each, so
/// an operator, or the load harness, sees which stage a peak waits in without a profiler.
/// </summary>
internal sealed class SendStageTimes(TimeProvider time)
{
    private static readonly int StageCount = Enum.GetValues<SendStage>().Length;

    private readonly long[] _ticks = new long[StageCount];
    private readonly int[] _items = new int[StageCount];

    /// <summary>A start for <see cref="Add"/>.</summary>
    public long Start() => time.GetTimestamp();

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="stage"/>, once for each of <paramref name="items"/> items that waited it.</summary>
    public void Add(SendStage stage, long start, int items = 1)
    {
        if (items <= 0)
        {
            return;
        }

        Interlocked.Add(ref _ticks[(int)stage], time.GetElapsedTime(start).Ticks * items);
        Interlocked.Add(ref _items[(int)stage], items);
    }

    /// <summary>The mean milliseconds per item that went through <paramref name="stage"/> (0 when none did), to 0.01 ms.</summary>
    public double MeanMilliseconds(SendStage stage)
    {
        var items = Volatile.Read(ref _items[(int)stage]);
        return items == 0 ? 0 : Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _ticks[(int)stage]) / items).TotalMilliseconds, 2);
    }
}

/// <summary>The stages of <see cref="SendStageTimes"/>, in the order an item passes them.</summary>
internal enum SendStage
{
    Prepare,
    Claim,
    SendSlot,
    Send,
    Record,
}
