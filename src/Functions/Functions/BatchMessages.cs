using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Reminders.Core.Delivery;

namespace Reminders.Functions.Functions;

/// <summary>
/// The <c>nudge-batches</c> queue's message format: a <see cref="NudgeBatch"/> as JSON (web defaults: camelCase,
/// case-insensitive). The worker serialises <see cref="DueScan"/>'s output and deserialises <see cref="SendBatch"/>'s
/// input with these options (set as <c>WorkerOptions.Serializer</c>), and the standalone queue uses the same.
/// </summary>
internal static class BatchMessages
{
    /// <summary>The Storage Queue between DueScan and SendBatch.</summary>
    public const string QueueName = "nudge-batches";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Encode(NudgeBatch batch) => JsonSerializer.Serialize(batch, Options);

    /// <summary>Reads a message's text as the Queue extension hands it to the worker; false when it is not a batch.</summary>
    public static bool TryDecode(string text, [NotNullWhen(true)] out NudgeBatch? batch)
    {
        try
        {
            batch = JsonSerializer.Deserialize<NudgeBatch>(text, Options);
        }
        catch (JsonException)
        {
            batch = null;
        }

        return IsWellFormed(batch);
    }

    /// <summary>Every item names a phone and a due time; a batch without items is not a batch.</summary>
    public static bool IsWellFormed([NotNullWhen(true)] NudgeBatch? batch) =>
        batch?.Items is { } items && items.All(item => item is not null && !string.IsNullOrWhiteSpace(item.Phone) && item.DueUtc != default);
}
