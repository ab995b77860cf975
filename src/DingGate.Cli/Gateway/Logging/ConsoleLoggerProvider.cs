using DingGate.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Logging;

/// <summary>
/// The gateway's console log: one line per entry (<c>HH:mm:ss level: category[event] message</c>, the exception's
/// text on the same line), redacted by the host's <see cref="SecretRedactor"/> like every other sink, written to the
/// writer the gateway was started with (stdout for <c>dinggate gateway</c>, so journald under systemd). Levels are
/// filtered by the logging builder's rules, as for the file log.
/// </summary>
[ProviderAlias("Console")]
internal sealed class ConsoleLoggerProvider(TextWriter writer, SecretRedactor redactor, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(categoryName, this);

    public void Dispose()
    {
        lock (_gate)
        {
            writer.Flush();
        }
    }

    /// <summary>Formats, redacts and writes one entry (whole lines, one writer at a time).</summary>
    internal void Write(LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var text = new System.Text.StringBuilder()
            .Append(time.GetLocalNow().ToString("HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture))
            .Append(LevelName(level)).Append(": ").Append(category).Append('[').Append(eventId.Id).Append("] ")
            .Append(message);
        if (exception is not null)
        {
            text.Append(' ').Append(exception.ToString());
        }

        var line = OneLine(redactor.Redact(text.ToString()));
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    // The level names of Microsoft's simple console format, which this one replaces.
    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private static string OneLine(string text) => text.Contains('\n', StringComparison.Ordinal)
        ? text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
        : text;
}
