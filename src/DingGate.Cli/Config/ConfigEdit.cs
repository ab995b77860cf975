using DingGate.Core.Configuration.Loading;

namespace DingGate.Cli.Config;

/// <summary>
/// Applies a change to the configuration file unless it makes the changed value invalid: the changed text is validated
/// as the gateway would load it; a new error at, above or below the changed path refuses the change (exit 78, nothing
/// written). Other problems — a configuration still being filled in one key at a time, an environment variable unset
/// in this shell — are listed as what is still needed, and do not block. The change returns null, or why it cannot be
/// made (exit 1, nothing written).
/// </summary>
internal static class ConfigEdit
{
    public static async Task<int> ApplyAsync(
        ConfigSource source, string changedPath, Func<ConfigDocument, string?> change, string done, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ConfigDocument document;
        try
        {
            document = ConfigDocument.Load(source.Path, refuseDuplicates: true);
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Config;
        }

        var before = Problems(document.ToJson5(), source);
        try
        {
            if (change(document) is { } refusal)
            {
                await error.WriteLineAsync(refusal);
                return ExitCodes.Runtime;
            }
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }

        var text = document.ToJson5();
        var after = Problems(text, source);
        var blocking = after.Where(e => !before.Contains(e) && Related(e.Path, changedPath)).ToList();
        if (blocking.Count > 0)
        {
            await ConfigReport.WriteErrorsAsync(blocking, error, cancellationToken);
            await error.WriteLineAsync($"Not changed: {source.Path} would be invalid.");
            return ExitCodes.Config;
        }

        try
        {
            await ConfigFileWriter.WriteAsync(source.Path, text, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: cannot write {source.Path}: {ex.Message}");
            return ExitCodes.Runtime;
        }

        await output.WriteLineAsync($"{done} in {source.Path}{(File.Exists(source.Path + ".bak") ? " (previous version: .bak; comments are not kept)" : string.Empty)}.");
        foreach (var problem in after)
        {
            await error.WriteLineAsync($"still needed: {problem.Path}: {problem.Reason}");
        }

        return ExitCodes.Ok;
    }

    // channels.dingtalk.clientId relates to channels.dingtalk.clientId.x and to channels.dingtalk, not to …clientSecret.
    private static bool Related(string errorPath, string changedPath) =>
        IsWithin(errorPath, changedPath) || IsWithin(changedPath, errorPath);

    private static bool IsWithin(string path, string ancestor) =>
        ancestor.Length == 0 || path == ancestor || path.StartsWith(ancestor + ".", StringComparison.Ordinal) || path.StartsWith(ancestor + "[", StringComparison.Ordinal);

    private static HashSet<ConfigError> Problems(string text, ConfigSource source)
    {
        try
        {
            new ConfigLoader().LoadText(text, source);
            return [];
        }
        catch (ConfigException ex)
        {
            return [.. ex.Errors];
        }
    }
}
