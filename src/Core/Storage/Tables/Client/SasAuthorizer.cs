namespace Reminders.Core.Storage.Tables.Client;

/// <summary>Appends a shared access signature to the query; no Authorization header.</summary>
internal sealed class SasAuthorizer(string sasToken) : TableAuthorizer
{
    public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!.AbsoluteUri;
        request.RequestUri = new Uri(uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + sasToken);
        return ValueTask.CompletedTask;
    }
}
