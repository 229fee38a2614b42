using System.Globalization;
using System.Text;

namespace Reminders.Core.Storage.Tables.Client;

/// <summary>
/// Builds OData filters and literals for Table Storage. Every interpolated value becomes a typed literal
/// (strings quoted with <c>'</c> doubled, Int64 with <c>L</c>, <c>datetime'…'</c>, <c>guid'…'</c>, <c>X'…'</c>),
/// so a value can never change the shape of the query.
/// </summary>
public static class TableOData
{
    /// <summary>
    /// A filter from an interpolated string whose holes are values, for example
    /// <c>TableOData.Filter($"PartitionKey eq {pk} and Count ge {10L}")</c>.
    /// </summary>
    public static TableFilter Filter(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(Literal).ToArray<object?>();
        return new TableFilter(string.Format(CultureInfo.InvariantCulture, filter.Format, literals));
    }

    /// <summary>The OData literal for <paramref name="value"/>; throws for null and unsupported types.</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("Table filters cannot compare with null; model 'unset' as an absent property.", nameof(value)),
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => DoubleLiteral(d),
        DateTimeOffset dto => "datetime'" + TableEntityJson.FormatDateTime(dto) + "'",
        DateTime dt => "datetime'" + TableEntityJson.FormatDateTime(TableEntityJson.ToUtcOffset(dt)) + "'",
        Guid g => "guid'" + g.ToString("D", CultureInfo.InvariantCulture) + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException($"Type {value.GetType().Name} has no Table Storage literal.", nameof(value)),
    };

    /// <summary>A string literal: quoted, with every <c>'</c> doubled.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string DoubleLiteral(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("Table filters cannot compare with NaN or infinity.", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var builder = new StringBuilder(text);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal))
        {
            builder.Append(".0");
        }

        return builder.ToString();
    }
}
