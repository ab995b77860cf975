using System.ComponentModel;
using System.Diagnostics;

namespace DingGate.Cli.Service;

/// <summary>Runs the tool as a child process (no shell), 30 s at most; a missing tool is exit code 127.</summary>
internal sealed class ProcessCommandRunner : ICommandRunner
{
    public async Task<CommandResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(fileName + " did not start");
        }
        catch (Win32Exception ex)
        {
            return new CommandResult(127, string.Empty, $"{fileName}: {ex.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new CommandResult(124, string.Empty, $"{fileName} did not finish within 30 s");
            }

            return new CommandResult(process.ExitCode, await output, await error);
        }
    }
}
