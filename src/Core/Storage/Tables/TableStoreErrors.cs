using System.Net;
using Azure;

namespace Reminders.Core.Storage.Tables;

/// <summary>Which service refusals the stores turn into "no" results instead of exceptions.</summary>
internal static class TableStoreErrors
{
    /// <summary>412 (ETag no longer matches) or 404 for the entity (not the table).</summary>
    public static bool IsStaleOrMissing(RequestFailedException ex) =>
        ex.Status == (int)HttpStatusCode.PreconditionFailed
        || (ex.Status == (int)HttpStatusCode.NotFound && ex.ErrorCode != "TableNotFound");

    /// <summary>409: the entity (or, in a transaction, one of its entities) already exists.</summary>
    public static bool IsAlreadyExists(RequestFailedException ex) => ex.Status == (int)HttpStatusCode.Conflict;
}
