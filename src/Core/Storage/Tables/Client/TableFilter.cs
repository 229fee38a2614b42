namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// An OData <c>$filter</c> expression built by <see cref="TableOData.Filter"/>, so values are always escaped literals.
/// There is deliberately no way to make one from a plain string.
/// </summary>
public sealed class TableFilter
{
    internal TableFilter(string text) => Text = text;

    /// <summary>The expression as sent in <c>$filter</c> (before URL encoding).</summary>
    public string Text { get; }

    /// <summary>Both this and <paramref name="other"/>.</summary>
    public TableFilter And(TableFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TableFilter($"({Text}) and ({other.Text})");
    }

    /// <summary>Either this or <paramref name="other"/>.</summary>
    public TableFilter Or(TableFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new TableFilter($"({Text}) or ({other.Text})");
    }

    public override string ToString() => Text;
}
