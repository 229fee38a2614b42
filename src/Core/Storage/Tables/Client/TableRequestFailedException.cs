namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// The service refused a request. <see cref="Status"/> and <see cref="ErrorCode"/> (from <c>x-ms-error-code</c>, else
/// the body) say why; compare the code with <see cref="TableErrorCodes"/>.
/// </summary>
public class TableRequestFailedException : Exception
{
    public TableRequestFailedException()
        : this(0, null, "The table request failed.")
    {
    }

    public TableRequestFailedException(string message)
        : this(0, null, message)
    {
    }

    public TableRequestFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TableRequestFailedException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>HTTP status code of the failed request (0 when there was no response).</summary>
    public int Status { get; }

    /// <summary>Storage error code such as <c>EntityAlreadyExists</c>, or null when the service sent none.</summary>
    public string? ErrorCode { get; }
}
