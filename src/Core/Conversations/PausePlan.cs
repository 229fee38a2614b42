namespace Reminders.Core.Conversations;

/// <summary>
/// Which local days a PAUSE silences. "PAUSE 3" gives three silent days: today and the next two when today's nudge has
/// not been decided yet (not sent, skipped or failed), otherwise the next three days. The pause ends on
/// <see cref="LastSilentDay"/> (inclusive); the first text after it comes on <see cref="ResumesOn"/>.
/// </summary>
/// <param name="FirstSilentDay">The first local date without a nudge because of the pause.</param>
/// <param name="LastSilentDay">The last silent local date: the subscriber's <c>PausedUntil</c>.</param>
public sealed record PausePlan(DateOnly FirstSilentDay, DateOnly LastSilentDay)
{
    /// <summary>The local date nudges come again.</summary>
    public DateOnly ResumesOn => LastSilentDay.AddDays(1);

    /// <summary>Plans <paramref name="days"/> silent days seen from <paramref name="today"/>.</summary>
    /// <param name="today">The subscriber's local date now.</param>
    /// <param name="days">Silent days wanted, at least 1.</param>
    /// <param name="todayDecided">Whether today's nudge was already sent, skipped or failed.</param>
    public static PausePlan For(DateOnly today, int days, bool todayDecided)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var first = todayDecided ? today.AddDays(1) : today;
        return new PausePlan(first, first.AddDays(days - 1));
    }
}
