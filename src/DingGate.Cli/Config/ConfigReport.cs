using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary>How configuration problems are printed: one line each, <c>error: path: reason (value: v)</c>.</summary>
internal static class ConfigReport
{
    public static async Task WriteErrorsAsync(IEnumerable<ConfigError> errors, TextWriter writer, CancellationToken cancellationToken)
    {
        foreach (var e in errors)
        {
            var value = e.Value is null ? string.Empty : $" (value: {e.Value})";
            await writer.WriteLineAsync($"error: {e.Path}: {e.Reason}{value}".AsMemory(), cancellationToken);
        }
    }

    /// <summary>Loads the configuration; when it is invalid, writes its errors and returns null (the caller exits 78).</summary>
    public static async Task<LoadedConfig?> LoadOrReportAsync(ConfigSource source, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return new ConfigLoader().Load(source);
        }
        catch (ConfigException ex)
        {
            await WriteErrorsAsync(ex.Errors, error, cancellationToken);
            return null;
        }
    }

    public static async Task WriteWarningsAsync(IEnumerable<ConfigWarning> warnings, TextWriter writer, CancellationToken cancellationToken)
    {
        foreach (var w in warnings)
        {
            await writer.WriteLineAsync($"warning: {w.Path}: {w.Message}".AsMemory(), cancellationToken);
        }
    }
}
