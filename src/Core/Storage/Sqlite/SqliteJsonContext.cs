using System.Text.Json.Serialization;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>Source-generated JSON for the list columns (categories, recent prompt ids).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
