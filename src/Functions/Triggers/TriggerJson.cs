using System.Text.Json;

namespace Reminders.Functions.Triggers;

/// <summary>JSON settings for invocation payloads and queue messages.</summary>
internal static class TriggerJson
{
    /// <summary>
    /// camelCase out (queue messages read <c>{"items":[{"phone":...,"dueUtc":...}]}</c>), case-insensitive in, and
    /// strict about required members so a message without a phone is rejected instead of half-read.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
