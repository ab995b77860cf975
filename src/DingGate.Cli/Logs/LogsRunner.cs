namespace DingGate.Cli.Logs;

/// <summary>Prints the last lines of the gateway's logs (pretty or raw JSONL) and, with follow, new lines until cancelled.</summary>
internal static class LogsRunner
{
    public static async Task<int> RunAsync(LogsOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var reader = new LogDirectoryReader(options.Directory, options.Filter);
        var formatter = new LogFormatter(options.Zone);
        if (!Directory.Exists(options.Directory))
        {
            await error.WriteLineAsync($"dinggate logs: no logs yet in {options.Directory} (the gateway writes them while it runs).");
            if (!options.Follow)
            {
                return ExitCodes.Ok;
            }
        }

        try
        {
            await WriteAsync(await reader.TailAsync(options.Lines, cancellationToken), options, formatter, output);
            while (options.Follow)
            {
                await Task.Delay(options.PollInterval, options.Time, cancellationToken);
                await WriteAsync(await reader.ReadNewAsync(cancellationToken), options, formatter, output);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C ends --follow.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"dinggate logs: cannot read {options.Directory}: {ex.Message}");
            return ExitCodes.Runtime;
        }

        return ExitCodes.Ok;
    }

    private static async Task WriteAsync(IReadOnlyList<LogEntry> entries, LogsOptions options, LogFormatter formatter, TextWriter output)
    {
        foreach (var entry in entries)
        {
            await output.WriteLineAsync(options.Json ? entry.Raw : formatter.Format(entry));
        }

        await output.FlushAsync();
    }
}
