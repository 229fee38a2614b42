namespace Reminders.Core.Storage.Tables.Client;

/// <summary>Wire behaviour of <see cref="TableServiceClient"/>: signing flavour and retry policy.</summary>
public sealed class TableClientOptions
{
    /// <summary>The <c>x-ms-version</c> sent; the newest the official .NET Tables SDK offers.</summary>
    public const string ServiceVersion = "2020-12-06";

    /// <summary>Shared Key flavour used when the connection has an account key. Default Shared Key Lite.</summary>
    public TableAuthScheme SharedKeyScheme { get; set; } = TableAuthScheme.SharedKeyLite;

    /// <summary>Retries after the first attempt, only for 408, 429, 500, 502, 503, 504, network errors and timeouts. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles each retry (with ±20% jitter). Default 0.8 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Longest single delay, also caps a server's <c>Retry-After</c>. Default 1 minute.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
