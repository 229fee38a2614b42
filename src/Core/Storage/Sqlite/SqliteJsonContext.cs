using System.Text.Json;
using System.Text.Json.Serialization;
using Reminders.Core.Prompts;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>Source-generated JSON for the list columns (categories, recent prompt ids) and the change log's prompts.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Prompt))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
