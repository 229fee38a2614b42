using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// Writes and reads the multipart/mixed body of an entity group transaction (<c>POST $batch</c>), and checks
/// client-side what Azurite does not: one PartitionKey, at most 100 operations, each row once, at most 4 MiB.
/// </summary>
internal static partial class TableTransactionBatch
{
    public const int MaxOperations = 100;
    private const int MaxBodyBytes = 4 * 1024 * 1024;
    private const string Crlf = "\r\n";

    /// <summary>Throws <see cref="ArgumentException"/> when the operations cannot form one transaction.</summary>
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one operation.", nameof(actions));
        }

        if (actions.Count > MaxOperations)
        {
            throw new ArgumentException($"A transaction has at most {MaxOperations} operations; this one has {actions.Count}.", nameof(actions));
        }

        var partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            ArgumentNullException.ThrowIfNull(action, nameof(actions));
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException("All operations of a transaction must share one PartitionKey.", nameof(actions));
            }

            if (!rows.Add(action.Entity.RowKey))
            {
                throw new ArgumentException("A transaction may touch each entity only once.", nameof(actions));
            }
        }
    }

    /// <summary>The request body and its batch boundary.</summary>
    public static (byte[] Body, string Boundary) CreateBody(string tableSegment, IReadOnlyList<TableTransactionAction> actions, Func<string, Uri> createUri)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var body = new StringBuilder();
        body.Append("--").Append(batch).Append(Crlf)
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append(Crlf).Append(Crlf);

        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, uri, ifMatch, sendBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", createUri(tableSegment), null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", createUri(TableClient.EntityPath(tableSegment, entity)), null, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", createUri(TableClient.EntityPath(tableSegment, entity)), null, true),
                TableTransactionActionType.UpdateReplace => ("PUT", createUri(TableClient.EntityPath(tableSegment, entity)), IfMatch(action), true),
                TableTransactionActionType.UpdateMerge => ("MERGE", createUri(TableClient.EntityPath(tableSegment, entity)), IfMatch(action), true),
                TableTransactionActionType.Delete => ("DELETE", createUri(TableClient.EntityPath(tableSegment, entity)), IfMatch(action), false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action."),
            };

            body.Append("--").Append(changeset).Append(Crlf)
                .Append("Content-Type: application/http").Append(Crlf)
                .Append("Content-Transfer-Encoding: binary").Append(Crlf).Append(Crlf)
                .Append(method).Append(' ').Append(uri.AbsoluteUri).Append(" HTTP/1.1").Append(Crlf)
                .Append("Accept: application/json;odata=minimalmetadata").Append(Crlf)
                .Append("DataServiceVersion: 3.0;").Append(Crlf)
                .Append("Content-ID: ").Append(i + 1).Append(Crlf);
            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append(Crlf);
            }

            if (sendBody)
            {
                body.Append("Prefer: return-no-content").Append(Crlf)
                    .Append("Content-Type: application/json").Append(Crlf).Append(Crlf)
                    .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append(Crlf);
            }
            else
            {
                body.Append(Crlf);
            }
        }

        body.Append("--").Append(changeset).Append("--").Append(Crlf)
            .Append("--").Append(batch).Append("--").Append(Crlf);

        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        if (bytes.Length > MaxBodyBytes)
        {
            throw new ArgumentException($"The transaction is {bytes.Length} bytes; the limit is 4 MiB.", nameof(actions));
        }

        return (bytes, batch);
    }

    public static ByteArrayContent CreateContent(byte[] body, string boundary)
    {
        var content = new ByteArrayContent(body);
        var type = new MediaTypeHeaderValue("multipart/mixed");
        type.Parameters.Add(new NameValueHeaderValue("boundary", boundary));
        content.Headers.ContentType = type;
        return content;
    }

    /// <summary>Reads the per-operation results; throws <see cref="TableTransactionFailedException"/> when the changeset failed.</summary>
    public static IReadOnlyList<TableTransactionResult> ReadResults(string body, string operation)
    {
        var boundary = ChangesetBoundary().Match(body);
        var parts = boundary.Success
            ? body.Split("--" + boundary.Groups[1].Value, StringSplitOptions.None)
            : [body];

        var results = new List<TableTransactionResult>();
        foreach (var part in parts)
        {
            var status = StatusLine().Match(part);
            if (!status.Success)
            {
                continue;
            }

            var code = int.Parse(status.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var afterStatus = part[(status.Index + status.Length)..];
            var blank = BlankLine().Match(afterStatus);
            var headers = blank.Success ? afterStatus[..blank.Index] : afterStatus;
            var partBody = blank.Success ? afterStatus[(blank.Index + blank.Length)..].Trim() : string.Empty;

            if (code >= 400)
            {
                var (errorCode, message) = TableErrorReader.Parse(partBody, null);
                var index = message is not null && FailedIndex().Match(message) is { Success: true } m
                    ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                    : (int?)null;
                throw new TableTransactionFailedException(code, errorCode, index, TableErrorReader.Describe(operation, code, errorCode, message));
            }

            var etag = EtagHeader().Match(headers) is { Success: true } e ? e.Groups[1].Value.Trim() : null;
            results.Add(new TableTransactionResult(code, etag));
        }

        return results;
    }

    private static string IfMatch(TableTransactionAction action) => action.ETag ?? action.Entity.ETag ?? "*";

    [GeneratedRegex(@"boundary=(changesetresponse_[^\s;]+)")]
    private static partial Regex ChangesetBoundary();

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})[^\r\n]*\r?\n")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"\r?\n\r?\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex FailedIndex();

    [GeneratedRegex(@"(?im)^ETag:\s*(.+?)\s*$")]
    private static partial Regex EtagHeader();
}
