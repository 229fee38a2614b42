namespace Reminders.Core.Subscribers;

/// <summary>Validation errors keyed by the request field name (camelCase, as clients send it).</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public FieldErrors()
        : base(StringComparer.Ordinal)
    {
    }

    public void Add(string field, string message) =>
        this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
