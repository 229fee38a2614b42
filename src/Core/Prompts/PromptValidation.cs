namespace Reminders.Core.Prompts;

/// <summary>
/// What <see cref="PromptValidator"/> found in one prompt, keyed by the JSON field name
/// (<c>id</c>, <c>text</c>, <c>category</c>, <c>audience</c>, <c>why</c>, <c>source</c>), in the shape
/// <c>TypedResults.ValidationProblem</c> takes. Errors block a save; warnings are shown but allowed.
/// </summary>
public sealed class PromptValidation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _warnings = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyDictionary<string, string[]> Errors => Snapshot(_errors);

    public IReadOnlyDictionary<string, string[]> Warnings => Snapshot(_warnings);

    internal void AddError(string field, string message) => Add(_errors, field, message);

    internal void AddWarning(string field, string message) => Add(_warnings, field, message);

    private static void Add(Dictionary<string, List<string>> target, string field, string message)
    {
        if (!target.TryGetValue(field, out var messages))
        {
            messages = [];
            target[field] = messages;
        }

        messages.Add(message);
    }

    private static Dictionary<string, string[]> Snapshot(Dictionary<string, List<string>> source) =>
        source.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
