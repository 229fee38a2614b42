namespace Reminders.Core.Storage.Tables.Client;

/// <summary>What one operation in an entity group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; fails the transaction when the entity exists.</summary>
    Add,

    /// <summary>Merge into an existing entity matching the ETag.</summary>
    UpdateMerge,

    /// <summary>Replace an existing entity matching the ETag.</summary>
    UpdateReplace,

    /// <summary>Delete an existing entity matching the ETag.</summary>
    Delete,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}

/// <summary>One operation of an entity group transaction.</summary>
/// <param name="ActionType">What to do.</param>
/// <param name="Entity">The entity (only its keys for a delete).</param>
/// <param name="ETag">If-Match for updates and deletes; defaults to the entity's ETag, then <c>*</c>.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, string? ETag = null);

/// <summary>The outcome of one operation of a committed transaction.</summary>
public sealed record TableTransactionResult(int Status, string? ETag);
