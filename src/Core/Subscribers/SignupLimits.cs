using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Privacy;
using Reminders.Core.Storage;

namespace Reminders.Core.Subscribers;

/// <summary>Whether a limited action may go ahead, and when to try again when not.</summary>
public sealed record LimitVerdict(bool Allowed, TimeSpan RetryAfter, string? Reason)
{
    public static LimitVerdict Allow { get; } = new(true, TimeSpan.Zero, null);
}

/// <summary>
/// The SMS-pumping limits, kept in <see cref="ILimitStore"/> so that they hold across instances: public signups per
/// client address per hour (IPv6 by /64), public signups per minute from everyone, and confirmation texts per number
/// (at most <see cref="MaxConfirmationsPer24Hours"/> in any 24 hours and per UTC day, whatever zone a signup names).
/// </summary>
public sealed partial class SignupLimits(
    ILimitStore store,
    NumberHasher hasher,
    TimeProvider time,
    IOptions<SignupOptions> options,
    ILogger<SignupLimits> logger)
{
    /// <summary>Confirmation texts one number may receive in any rolling 24 hours, and in one UTC day.</summary>
    public const int MaxConfirmationsPer24Hours = 2;

    /// <summary>The key used when no client address is known: all such requests share one allowance.</summary>
    public const string UnknownAddressKey = "addr-unknown";

    private const string GlobalKey = "signups-all";

    /// <summary>
    /// The limit key of a client address: the full address for IPv4 (and IPv4-mapped IPv6), the /64 prefix for IPv6
    /// (a home or mobile customer gets a whole /64, so 2001:db8::1 and 2001:db8::19 are one client), and
    /// <see cref="UnknownAddressKey"/> when the address is not known.
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return UnknownAddressKey;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "addr-" + address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "addr-" + new IPAddress(bytes).ToString().Replace(':', '.') + "-64";
    }

    /// <summary>
    /// Counts one public signup from <paramref name="address"/> against its hourly allowance, then against the
    /// per-minute ceiling for everyone. A refusal says when the window that refused ends.
    /// </summary>
    public async Task<LimitVerdict> TryAdmitSignupAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var limits = options.Value;
        var hourStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var hour = hourStart.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        if (!await store.TryCountAsync(AddressKey(address), hour, limits.MaxPerAddressPerHour, cancellationToken))
        {
            return new LimitVerdict(false, RoundUp(hourStart.AddHours(1) - now), "Too many signups from this address; try again later.");
        }

        var minuteStart = hourStart.AddMinutes(now.Minute);
        var minute = minuteStart.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        if (!await store.TryCountAsync(GlobalKey, minute, limits.MaxPerMinute, cancellationToken))
        {
            LogCeilingReached(limits.MaxPerMinute, minuteStart);
            return new LimitVerdict(false, RoundUp(minuteStart.AddMinutes(1) - now), "Too many signups right now; try again in a minute.");
        }

        return LimitVerdict.Allow;
    }

    /// <summary>
    /// Takes one confirmation text for <paramref name="phone"/>: true when fewer than
    /// <see cref="MaxConfirmationsPer24Hours"/> went to it in this UTC day and in the last 24 hours. Zones play no part,
    /// so switching the zone of a signup cannot buy more texts.
    /// </summary>
    public async Task<bool> TryTakeConfirmationAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var now = time.GetUtcNow();
        // Keyed by the number's HMAC, never the number: the cap outlives an erase, and the Limits table holds no number.
        var key = "confirm-" + await hasher.HashAsync(phone, cancellationToken);
        var day = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var allowed = await store.TryCountAsync(key, day, MaxConfirmationsPer24Hours, cancellationToken)
            && await store.TryTakeSlotAsync(key, MaxConfirmationsPer24Hours, now, TimeSpan.FromHours(24), cancellationToken);
        if (!allowed)
        {
            LogConfirmationCapped(phone.Masked, MaxConfirmationsPer24Hours);
        }

        return allowed;
    }

    private static TimeSpan RoundUp(TimeSpan wait) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Signup ceiling of {PerMinute} per minute reached in the minute from {MinuteStart:o}: further signups get 429 (a distributed SMS pump, or set Signup:MaxPerMinute higher)")]
    private partial void LogCeilingReached(int perMinute, DateTimeOffset minuteStart);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Confirmation for {Phone} not sent: it had {Max} in the last 24 hours or this UTC day")]
    private partial void LogConfirmationCapped(string phone, int max);
}
