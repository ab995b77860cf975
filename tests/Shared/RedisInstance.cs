using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DingGate.Tests.Shared;

/// <summary>
/// A real Redis server for tests: <c>redis-server</c> on a free loopback port with a fresh temporary directory, no
/// persistence, waited for until it answers PING; killed and its directory deleted on dispose. The binary is found on
/// PATH (or <c>/usr/bin</c>); a missing binary fails with a message that says how to install it (<c>test.sh</c> does).
/// </summary>
internal sealed class RedisInstance : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private RedisInstance(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string of this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=10000";

    /// <summary>Starts a server; waits until it answers PING (at most a minute).</summary>
    public static RedisInstance Start()
    {
        var server = FindServer();
        for (var attempt = 1; ; attempt++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "dinggate-redis-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(directory);
            var port = FreePort();
            var start = new ProcessStartInfo
            {
                FileName = server,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (var argument in new[]
                     {
                         "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                         "--dir", directory, "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
                     })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + server);
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var instance = new RedisInstance(process, directory, port);
            if (instance.WaitUntilReady())
            {
                return instance;
            }

            instance.Dispose();
            if (attempt >= 3)
            {
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                throw new InvalidOperationException($"redis-server did not answer PING on port {port}: {log}");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Polls with a raw RESP PING until +PONG (the server exiting, e.g. the port taken, ends the wait).
    private bool WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                using var stream = client.GetStream();
                stream.ReadTimeout = 5000;
                stream.Write("PING\r\n"u8);
                var buffer = new byte[64];
                var read = stream.Read(buffer, 0, buffer.Length);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }

            Thread.Sleep(100);
        }

        return false;
    }

    private static string FindServer()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "redis-server was not found on PATH. Install it (Debian: apt-get install redis-server; test.sh does this) and run the tests again.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
