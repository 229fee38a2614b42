namespace Reminders.Core.Storage.Tables.Client;

/// <summary>Storage error codes this code reacts to (values of <c>x-ms-error-code</c>).</summary>
public static class TableErrorCodes
{
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string TableAlreadyExists = "TableAlreadyExists";
    public const string TableBeingDeleted = "TableBeingDeleted";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string TableNotFound = "TableNotFound";
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";
    public const string InvalidInput = "InvalidInput";
    public const string InvalidDuplicateRow = "InvalidDuplicateRow";
    public const string AuthorizationFailure = "AuthorizationFailure";
    public const string ServerBusy = "ServerBusy";
}
