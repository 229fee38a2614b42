using System.Net;
using System.Net.Http.Headers;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>Signing vectors captured against Azurite 3.37.0 (reference doc §10.1) and the request headers around them.</summary>
public sealed class SharedKeySigningTests
{
    private static readonly DateTimeOffset VectorTime = new(2026, 11, 21, 22, 24, 28, TimeSpan.Zero);
    private static readonly Uri TablesUri = new("http://127.0.0.1:10002/devstoreaccount1/Tables");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AuthorizeAsync_SharedKeyVector_MatchesSignatureAzuriteAccepted()
    {
        var signer = new SharedKeyAuthorizer("devstoreaccount1", TableConnectionString.DevelopmentAccountKey, TableAuthScheme.SharedKey);
        using var request = VectorRequest();

        await signer.AuthorizeAsync(request, Ct);

        Assert.Equal(
            "POST\n\napplication/json\nSat, 21 Nov 2026 22:24:28 GMT\n/devstoreaccount1/devstoreaccount1/Tables",
            signer.StringToSign(request));
        Assert.Equal(
            "SharedKey devstoreaccount1:XGzwx4AHXlsqVC81kzuxzJndIQRKvngYYJ3xusnv2fc=",
            string.Join(",", request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task AuthorizeAsync_SharedKeyLiteVector_MatchesSignatureAzuriteAccepted()
    {
        var signer = new SharedKeyAuthorizer("devstoreaccount1", TableConnectionString.DevelopmentAccountKey, TableAuthScheme.SharedKeyLite);
        using var request = VectorRequest();

        await signer.AuthorizeAsync(request, Ct);

        Assert.Equal("Sat, 21 Nov 2026 22:24:28 GMT\n/devstoreaccount1/devstoreaccount1/Tables", signer.StringToSign(request));
        Assert.Equal(
            "SharedKeyLite devstoreaccount1:34bdHzlvN23eM/7U8OJ3Pq3QQJ7eezq48j6v+h9z76I=",
            string.Join(",", request.Headers.GetValues("Authorization")));
    }

    [Theory]
    [InlineData("https://acct.table.core.windows.net/Tables", "/acct/Tables")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/t1()?$filter=x&NextPartitionKey=a", "/acct/devstoreaccount1/t1()")]
    [InlineData("https://acct.table.core.windows.net/t1?comp=acl&timeout=5", "/acct/t1?comp=acl")]
    [InlineData("https://acct.table.core.windows.net/t1(PartitionKey='O%27%27B',RowKey='a%20b')", "/acct/t1(PartitionKey='O%27%27B',RowKey='a%20b')")]
    public void CanonicalizedResource_PathAsSentAndOnlyComp_Included(string uri, string expected)
    {
        Assert.Equal(expected, SharedKeyAuthorizer.CanonicalizedResource("acct", new Uri(uri)));
    }

    [Fact]
    public async Task CreateTableIfNotExistsAsync_SignedRequest_CarriesDateFromClockVersionAndAcceptHeaders()
    {
        var handler = new ScriptedTableHandler().EnqueueJson(HttpStatusCode.NoContent, string.Empty);
        using var http = new HttpClient(handler);
        var client = new TableServiceClient(
            http, TableConnectionString.Parse("UseDevelopmentStorage=true"), new InstantDelayTimeProvider(VectorTime));

        await client.CreateTableIfNotExistsAsync("subscribers", Ct);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(TablesUri, sent.Uri);
        Assert.Equal("Sat, 21 Nov 2026 22:24:28 GMT", sent.Headers["x-ms-date"]);
        Assert.False(sent.Headers.ContainsKey("Date"));
        Assert.Equal("2020-12-06", sent.Headers["x-ms-version"]);
        Assert.Equal("application/json; odata=minimalmetadata", sent.Headers["Accept"]);
        Assert.Equal("SharedKeyLite devstoreaccount1:34bdHzlvN23eM/7U8OJ3Pq3QQJ7eezq48j6v+h9z76I=", sent.Headers["Authorization"]);
        Assert.Equal("{\"TableName\":\"subscribers\"}", sent.Body);
    }

    private static HttpRequestMessage VectorRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TablesUri) { Content = new StringContent("{\"TableName\": \"subscribers\"}") };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-ms-date", "Sat, 21 Nov 2026 22:24:28 GMT");
        return request;
    }
}
