namespace Reminders.Core.Storage.Tables.Client;

/// <summary>Which Shared Key flavour signs requests when the connection has an account key.</summary>
public enum TableAuthScheme
{
    /// <summary><c>x-ms-date</c> and the canonical resource only; what the official .NET Tables SDK sends.</summary>
    SharedKeyLite,

    /// <summary>Verb, Content-MD5, Content-Type, date and canonical resource.</summary>
    SharedKey,
}
