using DingGate.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace DingGate.Cli.Gateway.Logging;

/// <summary>
/// The gateway's file log: daily JSONL files (<c>dinggate-YYYYMMDD.jsonl</c>) in the log directory, secrets redacted,
/// scopes (e.g. the DingTalk account) included. Read back by <c>dinggate logs</c>.
/// </summary>
[ProviderAlias("Jsonl")]
internal sealed class JsonlFileLoggerProvider : ILoggerProvider, ISupportExternalScope, IAsyncDisposable
{
    public JsonlFileLoggerProvider(string directory, LogLevel minimumLevel, SecretRedactor redactor, TimeProvider time)
    {
        Writer = new JsonlLogWriter(directory);
        MinimumLevel = minimumLevel;
        Redactor = redactor;
        Time = time;
    }

    internal JsonlLogWriter Writer { get; }

    internal LogLevel MinimumLevel { get; }

    internal SecretRedactor Redactor { get; }

    internal TimeProvider Time { get; }

    internal IExternalScopeProvider Scopes { get; private set; } = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new JsonlFileLogger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => Writer.DisposeAsync();
}
