using System.Net;
using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Core.Storage.Tables;

/// <summary>Which service refusals the stores turn into "no" results instead of exceptions.</summary>
internal static class TableStoreErrors
{
    /// <summary>412 (ETag no longer matches) or 404 for the entity (not the table).</summary>
    public static bool IsStaleOrMissing(TableRequestFailedException ex) =>
        ex.Status == (int)HttpStatusCode.PreconditionFailed
        || (ex.Status == (int)HttpStatusCode.NotFound && ex.ErrorCode != TableErrorCodes.TableNotFound);

    /// <summary>409 EntityAlreadyExists.</summary>
    public static bool IsAlreadyExists(TableRequestFailedException ex) =>
        ex.Status == (int)HttpStatusCode.Conflict && ex.ErrorCode == TableErrorCodes.EntityAlreadyExists;
}
