namespace Reminders.Core.Storage.Tables.Client;

/// <summary>Adds credentials to a request whose <c>x-ms-date</c>, headers and body are final.</summary>
internal abstract class TableAuthorizer
{
    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
