using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// Entity operations on one table, shaped like Azure.Data.Tables' TableClient. Keys are validated before any request;
/// failures throw <see cref="TableRequestFailedException"/> with the status and storage error code.
/// </summary>
public sealed class TableClient
{
    /// <summary>The <c>If-Match</c> value that matches any ETag.</summary>
    public const string AnyETag = "*";

    private static readonly HttpMethod Merge = new("MERGE");
    private readonly TablePipeline _pipeline;
    private readonly TableServiceClient _service;

    internal TableClient(TableServiceClient service, TablePipeline pipeline, string name)
    {
        _service = service;
        _pipeline = pipeline;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Creates the table; true when it was created, false when it already existed.</summary>
    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken) =>
        _service.CreateTableIfNotExistsAsync(Name, cancellationToken);

    /// <summary>Inserts <paramref name="entity"/>; throws with 409 <c>EntityAlreadyExists</c> when it exists. Returns the new ETag.</summary>
    public async Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var body = TableEntityJson.Serialize(entity);
        using var response = await _pipeline.SendSuccessAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, _pipeline.CreateUri(Uri.EscapeDataString(Name))) { Content = Json(body) };
                request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
                return request;
            },
            $"Insert into {Name}",
            cancellationToken);
        return ETagOf(response);
    }

    /// <summary>Inserts or replaces/merges without a precondition (<c>PUT</c>/<c>MERGE</c> with no <c>If-Match</c>). Returns the new ETag.</summary>
    public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken) =>
        WriteAsync(entity, mode, ifMatch: null, "Upsert", cancellationToken);

    /// <summary>
    /// Replaces or merges an existing entity when its ETag matches <paramref name="ifMatch"/> (<see cref="AnyETag"/> for any).
    /// Throws with 412 when stale and 404 when missing. Returns the new ETag.
    /// </summary>
    public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteAsync(entity, mode, ifMatch, "Update", cancellationToken);
    }

    /// <summary>Deletes when the ETag matches; true when deleted, false when there was no such entity. Throws with 412 when stale.</summary>
    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken)
    {
        var path = EntityPath(Name, partitionKey, rowKey);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var response = await _pipeline.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, _pipeline.CreateUri(path));
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                return request;
            },
            $"Delete from {Name}",
            cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        var error = await TableErrorReader.ReadAsync(response, $"Delete from {Name}", cancellationToken);
        return IsEntityNotFound(error) ? false : throw error;
    }

    /// <summary>The entity, or null when it does not exist. Throws for a missing table.</summary>
    public async Task<TableEntity?> GetEntityIfExistsAsync(
        string partitionKey, string rowKey, IReadOnlyList<string>? select, CancellationToken cancellationToken)
    {
        var path = EntityPath(Name, partitionKey, rowKey) + SelectQuery(select, first: true);
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, _pipeline.CreateUri(path)), $"Get from {Name}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await TableErrorReader.ReadAsync(response, $"Get from {Name}", cancellationToken);
            return IsEntityNotFound(error) ? null : throw error;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var entity = TableEntityJson.Deserialize(json.RootElement);
        entity.ETag = RawETag(response) ?? entity.ETag;
        return entity;
    }

    /// <summary>The entity; throws with 404 when it does not exist.</summary>
    public async Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        await GetEntityIfExistsAsync(partitionKey, rowKey, null, cancellationToken)
        ?? throw new TableRequestFailedException(404, TableErrorCodes.ResourceNotFound, $"Get from {Name} failed with 404 ResourceNotFound.");

    /// <summary>Reads one page. Pass the previous page's continuation to read the next; a page may be empty yet continue.</summary>
    public async Task<TablePage> QueryPageAsync(TableQuery query, TableContinuation? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = Uri.EscapeDataString(Name) + "()" + QueryString(query, continuation);
        using var response = await _pipeline.SendSuccessAsync(
            () => new HttpRequestMessage(HttpMethod.Get, _pipeline.CreateUri(path)), $"Query {Name}", cancellationToken);

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var items = new List<TableEntity>();
        if (json.RootElement.TryGetProperty("value", out var rows))
        {
            foreach (var row in rows.EnumerateArray())
            {
                items.Add(TableEntityJson.Deserialize(row));
            }
        }

        return new TablePage(items, ContinuationOf(response));
    }

    /// <summary>Every entity matching <paramref name="query"/>, following continuations (including empty pages) to the end.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(query, continuation, cancellationToken);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary>
    /// Commits the operations atomically as one entity group transaction. Checked before sending: 1 to 100 operations,
    /// one PartitionKey, each row once. Throws <see cref="TableTransactionFailedException"/> (nothing applied) when one fails.
    /// </summary>
    public async Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        TableTransactionBatch.Validate(list);
        var (body, boundary) = TableTransactionBatch.CreateBody(Name, list, _pipeline.CreateUri);

        var operation = $"Transaction on {Name}";
        using var response = await _pipeline.SendSuccessAsync(
            () => new HttpRequestMessage(HttpMethod.Post, _pipeline.CreateUri("$batch"))
            {
                Content = TableTransactionBatch.CreateContent(body, boundary),
            },
            operation,
            cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        return TableTransactionBatch.ReadResults(responseBody, operation);
    }

    /// <summary><c>table(PartitionKey='…',RowKey='…')</c> with quotes doubled and values percent-encoded; validates the keys.</summary>
    internal static string EntityPath(string table, string partitionKey, string rowKey)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        return $"{Uri.EscapeDataString(table)}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";
    }

    internal static string EntityPath(string table, TableEntity entity) => EntityPath(table, entity.PartitionKey, entity.RowKey);

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private async Task<string> WriteAsync(TableEntity entity, TableUpdateMode mode, string? ifMatch, string verb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var path = EntityPath(Name, entity);
        var body = TableEntityJson.Serialize(entity);
        var method = mode == TableUpdateMode.Replace ? HttpMethod.Put : Merge;
        using var response = await _pipeline.SendSuccessAsync(
            () =>
            {
                var request = new HttpRequestMessage(method, _pipeline.CreateUri(path)) { Content = Json(body) };
                if (ifMatch is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                }

                return request;
            },
            $"{verb} in {Name}",
            cancellationToken);
        return ETagOf(response);
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static bool IsEntityNotFound(TableRequestFailedException error) =>
        error.Status == (int)HttpStatusCode.NotFound && error.ErrorCode != TableErrorCodes.TableNotFound;

    private static string? RawETag(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? values.FirstOrDefault() : null;

    private string ETagOf(HttpResponseMessage response) =>
        RawETag(response) ?? throw new TableRequestFailedException((int)response.StatusCode, null, $"{Name}: the service returned no ETag.");

    private static TableContinuation? ContinuationOf(HttpResponseMessage response)
    {
        var partition = Header(response, "x-ms-continuation-NextPartitionKey");
        var row = Header(response, "x-ms-continuation-NextRowKey");
        return partition is null && row is null ? null : new TableContinuation(partition ?? string.Empty, row);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string QueryString(TableQuery query, TableContinuation? continuation)
    {
        var parts = new List<string>();
        if (query.Filter is not null)
        {
            parts.Add("$filter=" + Uri.EscapeDataString(query.Filter.Text));
        }

        var select = SelectQuery(query.Select, first: false);
        if (select.Length > 0)
        {
            parts.Add(select.TrimStart('&'));
        }

        if (query.Top is { } top)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(query));
            parts.Add("$top=" + Math.Min(top, TableQuery.MaxPageSize).ToString(CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            parts.Add("NextPartitionKey=" + Uri.EscapeDataString(continuation.NextPartitionKey));
            if (continuation.NextRowKey is not null)
            {
                parts.Add("NextRowKey=" + Uri.EscapeDataString(continuation.NextRowKey));
            }
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    private static string SelectQuery(IReadOnlyList<string>? select, bool first)
    {
        if (select is null || select.Count == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(first ? "?" : "&").Append("$select=");
        for (var i = 0; i < select.Count; i++)
        {
            var name = select[i];
            if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"'{name}' is not a property name.", nameof(select));
            }

            builder.Append(i == 0 ? string.Empty : "%2C").Append(name);
        }

        return builder.ToString();
    }
}
