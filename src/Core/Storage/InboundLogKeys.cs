using System.Text.RegularExpressions;

namespace Reminders.Core.Storage;

/// <summary>The shapes <see cref="IInboundLog"/> accepts, checked the same way by every store.</summary>
public static partial class InboundLogKeys
{
    /// <summary>Whether <paramref name="messageSid"/> looks like a Twilio message id: two capital letters and 32 hex digits.</summary>
    public static bool IsMessageSid(string? messageSid) => messageSid is not null && MessageSidPattern().IsMatch(messageSid);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="messageSid"/> is a message id.</summary>
    public static void ValidateSid(string messageSid)
    {
        if (!IsMessageSid(messageSid))
        {
            throw new ArgumentException("A message SID is two capital letters and 32 hexadecimal digits.", nameof(messageSid));
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="marker"/> is 1 to 20 lower-case letters or dashes.</summary>
    public static void ValidateMarker(string marker)
    {
        if (marker is null || !MarkerPattern().IsMatch(marker))
        {
            throw new ArgumentException("A marker is 1 to 20 lower-case letters or dashes.", nameof(marker));
        }
    }

    [GeneratedRegex("^[A-Z]{2}[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessageSidPattern();

    [GeneratedRegex("^[a-z-]{1,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
