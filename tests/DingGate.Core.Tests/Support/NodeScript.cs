using System.Diagnostics;
using DingGate.Tests.Shared;

namespace DingGate.Core.Tests.Support;

/// <summary>Runs one of the scripts in tests/interop with Node.js to completion and returns its stdout.</summary>
internal static class NodeScript
{
    /// <summary>Fails (never skips) when node or the interop packages are missing: ./test.sh installs them.</summary>
    public static async Task<string> RunAsync(string script, string requiredPackage, TimeSpan timeout, params string[] arguments)
    {
        var package = Path.Combine(RepositoryPaths.Interop, "node_modules", requiredPackage);
        if (!Directory.Exists(package))
        {
            throw new InvalidOperationException(
                $"Interop package '{requiredPackage}' is not installed ({package} missing). Run ./test.sh, which runs 'npm ci' in tests/interop.");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Interop, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Interop, script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js ('node') is not on PATH; ./test.sh installs it.", ex);
        }

        using (process)
        {
            using var cts = new CancellationTokenSource(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            try
            {
                await process.WaitForExitAsync(cts.Token);
                var output = await stdout;
                var errors = await stderr;
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"node {script} exited with code {process.ExitCode}:\n{errors}");
                }

                return output;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {script} did not finish within {timeout}.");
            }
        }
    }
}
