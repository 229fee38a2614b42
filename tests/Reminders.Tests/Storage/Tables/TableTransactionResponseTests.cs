using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Tests.Storage.Tables;

/// <summary>The multipart batch response reader, on the shapes recorded in the reference doc (§6, §10.4).</summary>
public sealed class TableTransactionResponseTests
{
    [Fact]
    public void ReadResults_SuccessWithCrLf_OneResultPerPartWithETags()
    {
        var body = string.Join("\r\n",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_2",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "DataServiceVersion: 3.0;",
            "ETag: W/\"datetime'2026-11-21T22%3A25%3A02.3347701Z'\"",
            "",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "",
            "HTTP/1.1 204 No Content",
            "DataServiceVersion: 1.0;",
            "",
            "",
            "--changesetresponse_2--",
            "--batchresponse_1--",
            "");

        var results = TableTransactionBatch.ReadResults(body, "Transaction");

        Assert.Equal(2, results.Count);
        Assert.Equal(new TableTransactionResult(204, "W/\"datetime'2026-11-21T22%3A25%3A02.3347701Z'\""), results[0]);
        Assert.Equal(new TableTransactionResult(204, null), results[1]);
    }

    [Fact]
    public void ReadResults_FailurePartWithStrayLineAndBareLf_ThrowsWithCodeAndIndex()
    {
        var body = string.Join("\n",
            "--batchresponse_1",
            "Content-Type: multipart/mixed; boundary=changesetresponse_2",
            "",
            "--changesetresponse_2",
            "Content-Type: application/http",
            "Content-Transfer-Encoding: binary",
            "changesetresponse_2",
            "HTTP/1.1 409 Conflict",
            "Content-ID: 2",
            "Content-Type: application/json;odata=minimalmetadata;charset=utf-8",
            "",
            "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The specified entity already exists.\\nRequestId:x\"}}}",
            "--changesetresponse_2--",
            "--batchresponse_1--");

        var ex = Assert.Throws<TableTransactionFailedException>(() => TableTransactionBatch.ReadResults(body, "Transaction"));

        Assert.Equal(409, ex.Status);
        Assert.Equal(TableErrorCodes.EntityAlreadyExists, ex.ErrorCode);
        Assert.Equal(1, ex.FailedIndex);
        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
    }
}
