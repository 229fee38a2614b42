namespace Reminders.Core.Storage;

/// <summary>Which store to use and where it lives. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (embedded default) or <c>tables</c> (Azure Table Storage).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>SQLite file; relative paths are under the working directory. Default <c>data/reminders.db</c>.</summary>
    public string SqlitePath { get; set; } = Path.Combine("data", "reminders.db");

    /// <summary>Table Storage connection string; falls back to <c>AzureWebJobsStorage</c>.</summary>
    public string? TablesConnectionString { get; set; }

    /// <summary>Table endpoint for Microsoft Entra ID (managed identity) when no connection string is set.</summary>
    public Uri? TablesEndpoint { get; set; }
}
