using System.Buffers.Text;
using System.Text.Json;
using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Core.Storage.Tables;

/// <summary>Packs the service's continuation (NextPartitionKey + NextRowKey) into one opaque URL-safe string and back.</summary>
internal static class ContinuationTokens
{
    public static string Pack(TableContinuation continuation) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { continuation.NextPartitionKey, continuation.NextRowKey }));

    /// <summary>Throws <see cref="ArgumentException"/> for a token this store did not issue.</summary>
    public static TableContinuation Unpack(string token, string paramName)
    {
        try
        {
            var parts = JsonSerializer.Deserialize<string?[]>(Base64Url.DecodeFromChars(token));
            if (parts is [{ } partition, var row])
            {
                return new TableContinuation(partition, row);
            }
        }
        catch (FormatException)
        {
        }
        catch (JsonException)
        {
        }

        throw new ArgumentException("The continuation token is not one this store issued.", paramName);
    }
}
