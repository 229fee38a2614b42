using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// The Table service of one storage account over REST, shaped like Azure.Data.Tables' TableServiceClient:
/// table management and <see cref="GetTableClient"/>. Authenticates with Shared Key (Lite), a SAS, or a
/// Microsoft Entra ID token credential. The clock for <c>x-ms-date</c> and retry delays is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class TableServiceClient
{
    private readonly TablePipeline _pipeline;

    /// <summary>A client authenticated by the account key or SAS of <paramref name="connection"/>.</summary>
    public TableServiceClient(
        HttpClient httpClient,
        TableConnectionString connection,
        TimeProvider timeProvider,
        TableClientOptions? options = null,
        ILogger<TableServiceClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new TableClientOptions();
        TableAuthorizer authorizer = connection.AccountKey is { } key
            ? new SharedKeyAuthorizer(connection.AccountName, key, options.SharedKeyScheme)
            : new SasAuthorizer(connection.SharedAccessSignature!);
        _pipeline = CreatePipeline(connection.Endpoint, httpClient, authorizer, timeProvider, options, logger);
        AccountName = connection.AccountName;
    }

    /// <summary>A client authenticated with Microsoft Entra ID tokens (for example a managed identity).</summary>
    public TableServiceClient(
        HttpClient httpClient,
        Uri endpoint,
        TokenCredential credential,
        TimeProvider timeProvider,
        TableClientOptions? options = null,
        ILogger<TableServiceClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        var trimmed = new Uri(endpoint.AbsoluteUri.TrimEnd('/'));
        _pipeline = CreatePipeline(trimmed, httpClient, new BearerTokenAuthorizer(credential, timeProvider), timeProvider, options ?? new(), logger);
        AccountName = TableConnectionString.AccountNameFromEndpoint(trimmed);
    }

    public Uri Endpoint => _pipeline.Endpoint;

    public string AccountName { get; }

    /// <summary>A client for one table (no request is made).</summary>
    public TableClient GetTableClient(string tableName)
    {
        TableKeys.ValidateTableName(tableName, nameof(tableName));
        return new TableClient(this, _pipeline, tableName);
    }

    /// <summary>Creates the table; true when created, false when it already existed.</summary>
    public async Task<bool> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken)
    {
        TableKeys.ValidateTableName(tableName, nameof(tableName));
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = tableName });
        using var response = await _pipeline.SendAsync(
            () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var request = new HttpRequestMessage(HttpMethod.Post, _pipeline.CreateUri("Tables")) { Content = content };
                request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
                return request;
            },
            "Create table",
            cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        var error = await TableErrorReader.ReadAsync(response, $"Create table {tableName}", cancellationToken);
        return error.Status == (int)HttpStatusCode.Conflict && error.ErrorCode == TableErrorCodes.TableAlreadyExists ? false : throw error;
    }

    /// <summary>Deletes the table; false when it did not exist.</summary>
    public async Task<bool> DeleteTableAsync(string tableName, CancellationToken cancellationToken)
    {
        TableKeys.ValidateTableName(tableName, nameof(tableName));
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, _pipeline.CreateUri($"Tables('{tableName}')")),
            "Delete table",
            cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        var error = await TableErrorReader.ReadAsync(response, $"Delete table {tableName}", cancellationToken);
        return error.Status == (int)HttpStatusCode.NotFound ? false : throw error;
    }

    /// <summary>Names of the tables whose names start with <paramref name="prefix"/>, following continuations.</summary>
    public async Task<IReadOnlyList<string>> ListTableNamesAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var names = new List<string>();
        string? next = null;
        do
        {
            var query = new StringBuilder("Tables");
            query.Append("?$filter=").Append(Uri.EscapeDataString(
                TableOData.Filter($"TableName ge {prefix} and TableName lt {prefix + char.MaxValue}").Text));
            if (next is not null)
            {
                query.Append("&NextTableName=").Append(Uri.EscapeDataString(next));
            }

            var path = query.ToString();
            using var response = await _pipeline.SendSuccessAsync(
                () => new HttpRequestMessage(HttpMethod.Get, _pipeline.CreateUri(path)), "List tables", cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            foreach (var row in json.RootElement.GetProperty("value").EnumerateArray())
            {
                names.Add(row.GetProperty("TableName").GetString()!);
            }

            next = response.Headers.TryGetValues("x-ms-continuation-NextTableName", out var values) ? values.FirstOrDefault() : null;
        }
        while (next is not null);

        return names;
    }

    private static TablePipeline CreatePipeline(
        Uri endpoint, HttpClient httpClient, TableAuthorizer authorizer, TimeProvider timeProvider, TableClientOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        return new TablePipeline(endpoint, httpClient, authorizer, timeProvider, options, logger ?? NullLogger.Instance);
    }
}
