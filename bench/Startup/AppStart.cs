namespace Reminders.Bench.Startup;

/// <summary>An app to start: its executable and the environment variables it gets on top of the harness's own.</summary>
internal sealed record AppStart(string Executable, IReadOnlyList<(string Name, string Value)> Environment)
{
    /// <summary><c>path</c> or <c>path,VAR=value,VAR=value</c>.</summary>
    public static AppStart Parse(string text)
    {
        var parts = text.Split(',');
        var environment = parts[1..]
            .Select(p => p.Split('=', 2))
            .Select(p => p.Length == 2 && p[0].Length > 0 ? (p[0], p[1]) : throw new ArgumentException($"'{text}': expected VAR=value after the executable."))
            .ToList();
        return new AppStart(parts[0], environment);
    }
}
