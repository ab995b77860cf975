using System.Diagnostics;

namespace DingGate.Harness;

/// <summary>
/// The real gateway: <c>dotnet dinggate.dll gateway --config …</c> as a child process, its output appended to
/// <c>gateway.out.log</c> in the work directory. <see cref="KillAsync"/> is <c>kill -9</c> (SIGKILL, whole tree).
/// Shared by the chaos suite and the benchmark's <c>--gateway-process</c> mode (linked into both from bench/Shared).
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private GatewayProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Builds <c>src/DingGate.Cli</c> in this assembly's configuration when <see cref="GatewayDll"/> is missing (a harness
    /// run from another output folder); a no-op when it exists, which is the normal case: the harnesses reference the
    /// CLI project for build order.
    /// </summary>
    public static async Task EnsureBuiltAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        if (File.Exists(GatewayDll))
        {
            return;
        }

        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var project = Path.Combine(RepositoryRoot(here), "src", "DingGate.Cli", "DingGate.Cli.csproj");
        await progress.WriteLineAsync($"Building the gateway ({here.Parent!.Name}): {project}");
        using var build = Process.Start(new ProcessStartInfo(DotnetHost(), ["build", project, "-c", here.Parent!.Name, "--nologo", "-v", "q"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start dotnet build");
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(GatewayDll))
        {
            throw new InvalidOperationException($"dotnet build {project} failed (exit {build.ExitCode}); {GatewayDll} is missing");
        }
    }

    /// <summary>
    /// The built gateway in its own output folder (same configuration and framework as this assembly), or
    /// <c>$DINGGATE_CHAOS_GATEWAY</c>. Not a copy next to us: the gateway's deps must resolve as in a real install.
    /// </summary>
    public static string GatewayDll => Environment.GetEnvironmentVariable("DINGGATE_CHAOS_GATEWAY") is { Length: > 0 } path ? path : BuiltGateway();

    public static GatewayProcess Start(string configPath, string logPath, int generation)
    {
        if (!File.Exists(GatewayDll))
        {
            throw new FileNotFoundException("the built gateway is missing next to the harness", GatewayDll);
        }

        var info = new ProcessStartInfo(DotnetHost(), [GatewayDll, "gateway", "--config", configPath])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        info.Environment["DOTNET_gcServer"] = "0";
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine($"===== gateway start #{generation} at {DateTimeOffset.UtcNow:O} =====");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data is null ? null : "ERR " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new GatewayProcess(process, log);
    }

    /// <summary>kill -9: no shutdown hook runs, no buffer is flushed; the kernel releases what the process held.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream?.CanWrite == true)
            {
                log.WriteLine(line);
            }
        }
    }

    // <repo>/<bench|tests>/<project>/bin/<configuration>/<tfm>/ → <repo>/src/DingGate.Cli/bin/<configuration>/<tfm>/dinggate.dll
    private static string BuiltGateway()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (here.Name, here.Parent!.Name);
        return Path.Combine(RepositoryRoot(here), "src", "DingGate.Cli", "bin", configuration, tfm, "dinggate.dll");
    }

    private static string RepositoryRoot(DirectoryInfo outputFolder) => outputFolder.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    // The dotnet host running us (tests and `dotnet run` set DOTNET_HOST_PATH), else dotnet on the PATH.
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
