using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// Keeps every log line the logger factory lets through (its filters, from configuration, still apply), with its
/// level, category and event id.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<CapturedLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Capturing(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue(new CapturedLine(logLevel, category, eventId.Id, formatter(state, exception)));
    }
}

/// <summary>One captured log line.</summary>
public sealed record CapturedLine(LogLevel Level, string Category, int EventId, string Message)
{
    public override string ToString() => $"{Level} {Category}[{EventId}] {Message}";
}
