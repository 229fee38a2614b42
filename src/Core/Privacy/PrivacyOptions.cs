namespace Reminders.Core.Privacy;

/// <summary>Erase, export and suppression. Section <c>Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>The shortest suppression key accepted, in bytes.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>
    /// Base64 of at least 32 random bytes: the HMAC-SHA256 key that turns an erased number into its suppression entry
    /// and its consent-log pseudonym. Keep it in Key Vault and never change it (old entries would stop matching). When
    /// unset, a random key is generated once and kept in the store, where it travels with every backup of the data.
    /// </summary>
    public string? SuppressionKey { get; set; }

    /// <summary>The decoded <see cref="SuppressionKey"/>, or null when unset or not valid base64.</summary>
    public byte[]? DecodedKey()
    {
        if (string.IsNullOrWhiteSpace(SuppressionKey))
        {
            return null;
        }

        var buffer = new byte[SuppressionKey.Length];
        return Convert.TryFromBase64String(SuppressionKey, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>True when the key is unset, or set to base64 of at least <see cref="MinKeyBytes"/> bytes.</summary>
    public bool HasUsableKey() => string.IsNullOrWhiteSpace(SuppressionKey) || DecodedKey() is { Length: >= MinKeyBytes };
}
