using System.Net;
using Azure.Core;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>
/// Entra ID plumbing. Azurite only takes bearer tokens over HTTPS with --oauth, so this is checked against a scripted
/// endpoint: the header, the storage scope, and token caching measured on the injected clock.
/// </summary>
public sealed class BearerTokenTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Requests_WithTokenCredential_SendBearerTokenForStorageScope()
    {
        var (client, handler, credential, _) = Create();

        await client.CreateTableIfNotExistsAsync("prompts", Ct);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-1", sent.Headers["Authorization"]);
        Assert.Equal(["https://storage.azure.com/.default"], Assert.Single(credential.Scopes));
        Assert.Equal(new Uri("https://acct.table.core.windows.net/Tables"), sent.Uri);
        Assert.Equal("acct", client.AccountName);
    }

    [Fact]
    public async Task Requests_TokenStillFresh_ReuseCachedToken()
    {
        var (client, handler, credential, time) = Create();

        await client.CreateTableIfNotExistsAsync("prompts", Ct);
        time.Now = Start.AddMinutes(50);
        await client.CreateTableIfNotExistsAsync("prompts", Ct);

        Assert.Equal(1, credential.Calls);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer token-1", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Requests_TokenNearExpiry_FetchNewToken()
    {
        var (client, handler, credential, time) = Create();

        await client.CreateTableIfNotExistsAsync("prompts", Ct);
        time.Now = Start.AddMinutes(56);
        await client.CreateTableIfNotExistsAsync("prompts", Ct);

        Assert.Equal(2, credential.Calls);
        Assert.Equal("Bearer token-2", handler.Requests.Last().Headers["Authorization"]);
    }

    private static (TableServiceClient Client, ScriptedTableHandler Handler, FakeCredential Credential, InstantDelayTimeProvider Time) Create()
    {
        var time = new InstantDelayTimeProvider(Start);
        var handler = new ScriptedTableHandler()
            .EnqueueJson(HttpStatusCode.NoContent, string.Empty)
            .EnqueueJson(HttpStatusCode.NoContent, string.Empty);
        var credential = new FakeCredential(time);
        var client = new TableServiceClient(new HttpClient(handler), new Uri("https://acct.table.core.windows.net/"), credential, time);
        return (client, handler, credential, time);
    }

    /// <summary>Issues token-1, token-2, ... each valid for one hour from the fake clock's now.</summary>
    private sealed class FakeCredential(TimeProvider time) : TokenCredential
    {
        public int Calls { get; private set; }

        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            Issue(requestContext);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Issue(requestContext));

        private AccessToken Issue(TokenRequestContext context)
        {
            Calls++;
            Scopes.Add(context.Scopes);
            return new AccessToken($"token-{Calls}", time.GetUtcNow().AddHours(1));
        }
    }
}
