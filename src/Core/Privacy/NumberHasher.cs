using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Privacy;

/// <summary>
/// HMAC-SHA256 of an E.164 number under the suppression key (<see cref="PrivacyOptions.SuppressionKey"/>, or the key
/// kept in the store). Without the key the hash cannot be turned back into a number by trying every number.
/// </summary>
public sealed class NumberHasher(IOptions<PrivacyOptions> options, IPersonalDataStore store)
{
    private byte[]? _key;

    /// <summary>The lower-case hex HMAC of <paramref name="phone"/>.</summary>
    public async Task<string> HashAsync(PhoneNumber phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var key = _key ??= options.Value.DecodedKey() ?? await store.GetOrCreateKeyAsync(RandomNumberGenerator.GetBytes(PrivacyOptions.MinKeyBytes), cancellationToken);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(phone.Value));
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>The consent-log partition of an erased number.</summary>
    public async Task<string> PseudonymAsync(PhoneNumber phone, CancellationToken cancellationToken) =>
        "erased-" + await HashAsync(phone, cancellationToken);
}
