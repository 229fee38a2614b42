using System.Security.Cryptography;
using System.Text;

namespace Reminders.Tests.TestDoubles.FakeTwilio;

/// <summary>
/// Signs webhooks the way Twilio does, written independently of the production validator so a shared mistake
/// cannot hide: the URL, then for each field name in ordinal order each of its distinct values in ordinal order,
/// name then value, HMAC-SHA1 keyed with the auth token, Base64.
/// </summary>
public static class FakeTwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var pairs = form.ToList();
        var data = new StringBuilder(url);
        foreach (var name in pairs.Select(p => p.Key).Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            foreach (var value in pairs.Where(p => p.Key == name).Select(p => p.Value).Distinct().OrderBy(v => v, StringComparer.Ordinal))
            {
                data.Append(name).Append(value);
            }
        }

#pragma warning disable CA5350 // Twilio's protocol is HMAC-SHA1.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }
}
