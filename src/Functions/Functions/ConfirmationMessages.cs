using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Reminders.Core.Subscribers;

namespace Reminders.Functions.Functions;

/// <summary>
/// The <c>confirmations</c> queue's message format: a <see cref="ConfirmationMessage"/> as JSON
/// (<c>{"phone":"+1…","date":"yyyy-MM-dd"}</c>), with the worker's serializer options (<see cref="BatchMessages.Options"/>),
/// which the standalone queue uses too.
/// </summary>
internal static class ConfirmationMessages
{
    /// <summary>The Storage Queue between SignUp and SendConfirmation.</summary>
    public const string QueueName = "confirmations";

    public static JsonSerializerOptions Options => BatchMessages.Options;

    public static string Encode(ConfirmationMessage message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Reads a message's text as the Queue extension hands it to the worker; false when it is not a confirmation.</summary>
    public static bool TryDecode(string text, [NotNullWhen(true)] out ConfirmationMessage? message)
    {
        try
        {
            message = JsonSerializer.Deserialize<ConfirmationMessage>(text, Options);
        }
        catch (JsonException)
        {
            message = null;
        }

        return IsWellFormed(message);
    }

    /// <summary>A phone and a date; the sender checks that the phone is E.164.</summary>
    public static bool IsWellFormed([NotNullWhen(true)] ConfirmationMessage? message) =>
        message is { Phone: { Length: > 0 } } && message.Date != default;
}
