using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>Query helpers over <see cref="TableClient.QueryAsync{T}(string, int?, IEnumerable{string}, CancellationToken)"/>.</summary>
internal static class TableQueries
{
    /// <summary>The most entities the service returns in one page (<c>$top</c> may not exceed it).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Every entity matching <paramref name="filter"/> (all pages; null: every entity).</summary>
    public static async Task<List<TableEntity>> AllAsync(
        TableClient table, string? filter, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, MaxPageSize, select, cancellationToken))
        {
            rows.Add(entity);
        }

        return rows;
    }

    /// <summary>One service page of at most <paramref name="top"/> entities from <paramref name="continuation"/> (null = start).</summary>
    public static async Task<Azure.Page<TableEntity>> FirstPageAsync(
        TableClient table, string? filter, string? continuation, int top, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, top, cancellationToken: cancellationToken).AsPages(continuation, top))
        {
            return page;
        }

        return Azure.Page<TableEntity>.FromValues([], null, null!);
    }
}
