using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DingGate.Tests.Shared;

/// <summary>
/// A real PostgreSQL server for tests: <c>initdb</c> in a fresh temporary directory, <c>pg_ctl start</c> on a free
/// loopback port (trust authentication, user <c>dinggate</c>, fsync off), stopped and deleted on dispose. PostgreSQL
/// refuses to run as root, so under root the server runs as the <c>postgres</c> user (else <c>nobody</c>) with the
/// directory handed to that user. The binaries are found on PATH or under <c>/usr/lib/postgresql/*/bin</c>; missing
/// binaries fail with a message that says how to install them (<c>test.sh</c> does): the tests are never skipped.
/// </summary>
internal sealed class PostgresInstance : IDisposable
{
    public const string User = "dinggate";

    private readonly string _directory;
    private readonly string _dataDirectory;
    private readonly string _pgCtl;
    private readonly string? _runAs;

    private PostgresInstance(string directory, string pgCtl, string? runAs, int port)
    {
        _directory = directory;
        _dataDirectory = Path.Combine(directory, "data");
        _pgCtl = pgCtl;
        _runAs = runAs;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Connection string of the default <c>postgres</c> database (for CREATE DATABASE).</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>Npgsql connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Timeout=30;Command Timeout=60";

    /// <summary>Starts a server; waits until it accepts TCP connections (at most a minute).</summary>
    public static PostgresInstance Start()
    {
        var bin = FindBinDirectory();
        var initdb = Path.Combine(bin, "initdb");
        var pgCtl = Path.Combine(bin, "pg_ctl");
        var runAs = Environment.UserName == "root" ? UnprivilegedUser() : null;

        // Under root the server's user must reach the directory: /tmp, whatever TMPDIR says.
        var directory = Path.Combine(runAs is null ? Path.GetTempPath() : "/tmp", "dinggate-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (runAs is not null)
        {
            Run("chown", ["-R", runAs, directory], null);
        }

        try
        {
            Run(initdb, ["-D", Path.Combine(directory, "data"), "-A", "trust", "-U", User, "-E", "UTF8", "--locale=C", "--no-sync"], runAs);
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var instance = new PostgresInstance(directory, pgCtl, runAs, port);
                try
                {
                    instance.StartServer();
                    return instance;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // The port was taken between probing and binding: try another one.
                }
            }
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            Run(_pgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], _runAs);
        }
        catch (InvalidOperationException)
        {
            // Already stopped (or never started): nothing to stop.
        }

        TryDelete(_directory);
    }

    private void StartServer()
    {
        var options = $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB";
        Run(_pgCtl, ["-D", _dataDirectory, "-l", Path.Combine(_directory, "server.log"), "-o", options, "-w", "-t", "60", "start"], _runAs);

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException($"PostgreSQL did not accept connections on port {Port}: {ServerLog()}", exception);
            }
        }
    }

    private string ServerLog()
    {
        var log = Path.Combine(_directory, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no server log)";
    }

    private static string FindBinDirectory()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        const string Root = "/usr/lib/postgresql";
        if (Directory.Exists(Root))
        {
            var newest = Directory.GetDirectories(Root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.Dir, "initdb")))
                .OrderByDescending(c => c.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were found neither on PATH nor under /usr/lib/postgresql/*/bin. " +
            "Install them (Debian: apt-get install postgresql; test.sh does this) and run the tests again.");
    }

    private static string UnprivilegedUser()
    {
        try
        {
            Run("id", ["-u", "postgres"], null);
            return "postgres";
        }
        catch (InvalidOperationException)
        {
            return "nobody";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Runs a command to its end (as runAs via runuser when given); a non-zero exit throws with its output.
    private static void Run(string fileName, IReadOnlyList<string> arguments, string? runAs)
    {
        var start = new ProcessStartInfo
        {
            FileName = runAs is null ? fileName : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = runAs is null ? Path.GetTempPath() : "/tmp",
        };
        if (runAs is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(runAs);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{fileName} did not finish within two minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
