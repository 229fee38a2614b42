using System.Collections.Frozen;

namespace Reminders.Core.Delivery;

/// <summary>
/// What a provider error code on a delivery means for the subscriber (the policy table in the Twilio reference,
/// section 2): 21610 is an opt-out recorded by the carrier; the permanent codes mean the number cannot get texts, and
/// <see cref="BounceThreshold"/> of them in a row pause the subscriber for <see cref="BouncePauseDays"/> days.
/// </summary>
public static class DeliveryErrorCodes
{
    /// <summary>Attempt to send to unsubscribed recipient: the person replied STOP to the carrier or Twilio.</summary>
    public const int OptedOut = 21610;

    /// <summary>Permanent failures in a row that pause a subscriber.</summary>
    public const int BounceThreshold = 3;

    /// <summary>
    /// How long a bounce pause lasts. Long, because three failures in a row mean a dead, unknown or landline number and
    /// each further attempt costs money; not forever, because 30003 (handset off or out of coverage) can clear up, and
    /// a working number that texts RESUME or START comes back at once.
    /// </summary>
    public const int BouncePauseDays = 90;

    private static readonly FrozenDictionary<int, string> Titles = new Dictionary<int, string>
    {
        [21211] = "Invalid 'To' phone number",
        [21610] = "Attempt to send to unsubscribed recipient",
        [21614] = "'To' number is not a valid mobile number",
        [30003] = "Unreachable destination handset",
        [30004] = "Message blocked",
        [30005] = "Unknown destination handset",
        [30006] = "Landline or unreachable carrier",
        [30007] = "Message filtered by the carrier",
        [30008] = "Unknown error",
        [30036] = "Validity period expired",
    }.ToFrozenDictionary();

    private static readonly FrozenSet<int> Permanent = FrozenSet.Create(21211, 21614, 30003, 30005, 30006);

    /// <summary>Whether <paramref name="code"/> counts towards a bounce pause.</summary>
    public static bool IsPermanentFailure(int? code) => code is { } value && Permanent.Contains(value);

    /// <summary>A short description for the delivery's detail: <c>30005 Unknown destination handset</c>.</summary>
    public static string Describe(int code) =>
        Titles.TryGetValue(code, out var title)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{code} {title}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{code} (see twilio.com/docs/api/errors/{code})");
}
