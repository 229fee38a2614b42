using Azure.Core;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// Microsoft Entra ID: <c>Authorization: Bearer</c> with a token for <see cref="StorageScope"/>, cached until
/// five minutes before it expires (or the credential's refresh hint), measured with the injected clock.
/// </summary>
internal sealed class BearerTokenAuthorizer(TokenCredential credential, TimeProvider time) : TableAuthorizer, IDisposable
{
    /// <summary>Token scope for Azure Storage in the public cloud.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    public override async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && IsFresh(cached))
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } again && IsFresh(again))
            {
                return again.Token;
            }

            var fresh = await credential.GetTokenAsync(new TokenRequestContext([StorageScope]), cancellationToken);
            _token = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(AccessToken token)
    {
        var now = time.GetUtcNow();
        var refreshAt = token.RefreshOn ?? token.ExpiresOn - RefreshMargin;
        return now < refreshAt && now < token.ExpiresOn - TimeSpan.FromSeconds(30);
    }
}
