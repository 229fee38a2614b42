namespace Reminders.Core.Storage.Tables.Client;

/// <summary>What to read: an optional filter, projection and page size (clamped to the service limit of 1,000).</summary>
/// <param name="Filter">Built with <see cref="TableOData.Filter"/>; null reads everything.</param>
/// <param name="Select">Property names to return; null returns all.</param>
/// <param name="Top">Page size (1 to 1,000); null lets the service choose (up to 1,000).</param>
public sealed record TableQuery(TableFilter? Filter = null, IReadOnlyList<string>? Select = null, int? Top = null)
{
    /// <summary>Largest page the service returns.</summary>
    public const int MaxPageSize = 1000;
}

/// <summary>Opaque continuation returned with a page; send it back to read the next page.</summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey);

/// <summary>One page of a query. A page can be empty and still have a <see cref="Continuation"/>.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, TableContinuation? Continuation);

/// <summary>Whether an update replaces the whole entity or merges the given properties into it.</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}
