using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>Captures log entries (event id, level, rendered message, exception) for assertions.</summary>
public sealed class TestLogSink : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public IReadOnlyList<LogEntry> WithId(int eventId) => Entries.Where(e => e.EventId.Id == eventId).ToArray();

    public sealed record LogEntry(string Category, EventId EventId, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue(new LogEntry(category, eventId, logLevel, formatter(state, exception), exception));
    }
}
