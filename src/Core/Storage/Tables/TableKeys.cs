namespace Reminders.Core.Storage.Tables;

/// <summary>
/// Client-side checks for what Table Storage accepts as PartitionKey, RowKey and table names. They run before any
/// request is built, so a bad key never reaches the wire (Azurite does not enforce everything Azure does).
/// </summary>
public static class TableKeys
{
    /// <summary>Longest key we accept: Azurite enforces 512 UTF-16 chars, Azure 1 KiB; 512 satisfies both.</summary>
    public const int MaxKeyLength = 512;

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="key"/> is a legal PartitionKey or RowKey.</summary>
    /// <param name="key">The key; empty is legal.</param>
    /// <param name="paramName">Reported as the argument name.</param>
    public static void Validate(string? key, string paramName)
    {
        if (key is null)
        {
            throw new ArgumentNullException(paramName, "A table key cannot be null.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A table key is at most {MaxKeyLength} characters; this one has {key.Length}.", paramName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?')
            {
                throw new ArgumentException($"A table key cannot contain '{c}'.", paramName);
            }

            if (c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
            {
                throw new ArgumentException($"A table key cannot contain the control character U+{(int)c:X4}.", paramName);
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is a legal PartitionKey or RowKey.</summary>
    public static bool IsValid(string? key)
    {
        if (key is null || key.Length > MaxKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="tableName"/> matches <c>^[A-Za-z][A-Za-z0-9]{2,62}$</c> and is not <c>tables</c>.</summary>
    public static void ValidateTableName(string? tableName, string paramName)
    {
        if (tableName is null)
        {
            throw new ArgumentNullException(paramName, "A table name cannot be null.");
        }

        var ok = tableName.Length is >= 3 and <= 63
            && char.IsAsciiLetter(tableName[0])
            && tableName.All(char.IsAsciiLetterOrDigit)
            && !string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase);
        if (!ok)
        {
            throw new ArgumentException(
                $"'{tableName}' is not a table name: use 3 to 63 letters or digits, starting with a letter, and not 'tables'.", paramName);
        }
    }
}
