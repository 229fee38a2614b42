using System.ComponentModel.DataAnnotations;

namespace Reminders.Core.Storage.Tables;

/// <summary>Table-store settings beside <see cref="StorageOptions"/> in section <c>Storage</c>.</summary>
public sealed class TableStoreOptions
{
    public const string SectionName = StorageOptions.SectionName;

    /// <summary>
    /// Prepended to every table name (<c>Storage:TablesPrefix</c>), so several deployments or test runs can share
    /// one account. Letters and digits, starting with a letter; empty by default.
    /// </summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,39})?$", ErrorMessage = "Storage:TablesPrefix must be up to 40 letters or digits, starting with a letter.")]
    public string TablesPrefix { get; set; } = string.Empty;
}
