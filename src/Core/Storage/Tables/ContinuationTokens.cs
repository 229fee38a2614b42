using System.Buffers.Text;
using System.Text;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Wraps the SDK's continuation token (itself opaque) in a URL-safe string with a version prefix, so a token this
/// store did not issue is refused with <see cref="ArgumentException"/> before any request is sent.
/// </summary>
internal static class ContinuationTokens
{
    private const string Prefix = "t1:";

    public static string Pack(string sdkToken) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + sdkToken));

    /// <summary>The SDK token inside <paramref name="token"/>; throws <see cref="ArgumentException"/> for a foreign token.</summary>
    public static string Unpack(string token, string paramName)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length > Prefix.Length)
            {
                return text[Prefix.Length..];
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("The continuation token is not one this store issued.", paramName);
    }
}
