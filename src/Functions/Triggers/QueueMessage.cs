using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Reminders.Core.Delivery;

namespace Reminders.Functions.Triggers;

/// <summary>
/// Turns the <c>nudge-batches</c> queue trigger's value into a <see cref="NudgeBatch"/>. The host sends the message
/// text JSON-encoded twice (a JSON string whose content is the message's JSON text); the Learn article shows it
/// encoded once, and a hand-made payload may carry the object itself. Strings are unwrapped until an object appears.
/// </summary>
internal static class QueueMessage
{
    private const int MaxEncodings = 3;

    public static bool TryDecode(JsonElement value, [NotNullWhen(true)] out NudgeBatch? batch, [NotNullWhen(false)] out string? error)
    {
        batch = null;
        var current = value;
        for (var encodings = 0; current.ValueKind == JsonValueKind.String; encodings++)
        {
            if (encodings == MaxEncodings)
            {
                error = $"The queue message is JSON-encoded more than {MaxEncodings} times.";
                return false;
            }

            try
            {
                using var document = JsonDocument.Parse(current.GetString()!);
                current = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                error = "The queue message is not JSON.";
                return false;
            }
        }

        if (current.ValueKind != JsonValueKind.Object)
        {
            error = "The queue message must be a JSON object {\"items\": [{\"phone\", \"dueUtc\"}]}.";
            return false;
        }

        try
        {
            batch = current.Deserialize<NudgeBatch>(TriggerJson.Options);
        }
        catch (JsonException)
        {
            // Leaves batch null: reported below.
        }

        if (batch?.Items is null || batch.Items.Any(item => item is null || string.IsNullOrEmpty(item.Phone) || item.DueUtc == default))
        {
            batch = null;
            error = "The queue message must hold \"items\", each with a \"phone\" and a \"dueUtc\".";
            return false;
        }

        error = null;
        return true;
    }
}
