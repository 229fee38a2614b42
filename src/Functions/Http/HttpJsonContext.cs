using System.Text.Json;
using System.Text.Json.Serialization;
using Reminders.Functions.Http.Health;

namespace Reminders.Functions.Http;

/// <summary>
/// Serialization code generated at build time for the answers a cold instance gives first (the health probe), put
/// ahead of the reflection-based resolver in the HTTP JSON options: the first answer then needs no reflection-emitted
/// accessors. Every other type still goes through reflection, with the same web defaults (camelCase names).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class HttpJsonContext : JsonSerializerContext;
