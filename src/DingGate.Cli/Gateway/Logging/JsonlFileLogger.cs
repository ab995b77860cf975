using System.Text.Json;
using DingGate.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Logging;

/// <summary>One category's logger writing JSON lines: <c>{"ts","level","category","eventId","message","props":{…},"scopes":{…},"exception"}</c>.</summary>
internal sealed class JsonlFileLogger(string category, JsonlFileLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => provider.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var redactor = provider.Redactor;
        var now = provider.Time.GetUtcNow();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("ts", now);
            json.WriteString("level", LevelName(logLevel));
            json.WriteString("category", category);
            if (eventId.Id != 0)
            {
                json.WriteNumber("eventId", eventId.Id);
            }

            json.WriteString("message", redactor.Redact(formatter(state, exception)));
            if (state is IReadOnlyList<KeyValuePair<string, object?>> props && props.Count > 1)
            {
                json.WriteStartObject("props");
                foreach (var (key, value) in props.Where(p => p.Key != "{OriginalFormat}"))
                {
                    json.WriteString(key, redactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
                }

                json.WriteEndObject();
            }

            WriteScopes(json, redactor);
            if (exception is not null)
            {
                json.WriteString("exception", redactor.Redact(exception.ToString()));
            }

            json.WriteEndObject();
        }

        provider.Writer.Write(now, System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The short level names <c>dinggate logs --level</c> filters on.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "critical",
    };

    private void WriteScopes(Utf8JsonWriter json, SecretRedactor redactor)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        provider.Scopes.ForEachScope(
            (scope, bag) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        bag[key] = redactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                    }
                }
            },
            values);
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartObject("scopes");
        foreach (var (key, value) in values)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
