using System.Text.Json.Serialization;

namespace Reminders.Functions.Triggers;

/// <summary>
/// The answer to a host invocation: <c>{"Outputs": {...}, "Logs": [...], "ReturnValue": null}</c>. The host
/// matches <c>Outputs</c> keys to binding names exactly, so they are dictionary keys (never camel-cased), and
/// every answer is a JSON object: an empty 2xx body would leave the invocation hanging until the function timeout.
/// </summary>
/// <param name="Outputs">Output binding name to value; queue values are JSON objects or arrays of them, never bare strings.</param>
/// <param name="Logs">Lines the host writes to the invocation's log. No phone numbers.</param>
/// <param name="ReturnValue">Feeds a <c>$return</c> binding; we have none, so it stays null.</param>
internal sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue = null);
