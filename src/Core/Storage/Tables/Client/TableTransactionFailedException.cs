namespace Reminders.Core.Storage.Tables.Client;

/// <summary>An entity group transaction was rolled back because one operation failed; nothing in it was applied.</summary>
public sealed class TableTransactionFailedException : TableRequestFailedException
{
    public TableTransactionFailedException()
    {
    }

    public TableTransactionFailedException(string message)
        : base(message)
    {
    }

    public TableTransactionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TableTransactionFailedException(int status, string? errorCode, int? failedIndex, string message)
        : base(status, errorCode, message)
    {
        FailedIndex = failedIndex;
    }

    /// <summary>Zero-based index of the operation that failed, when the service said.</summary>
    public int? FailedIndex { get; }
}
