using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using DingGate.Tests.Shared;

namespace DingGate.Emulator.Tests.Support;

/// <summary>
/// A Node.js child process running one of the interop scripts in tests/interop. Its stdout is read as JSON lines
/// (other lines, such as the SDK's own console output, are kept for diagnostics only). Killed on dispose.
/// </summary>
internal sealed class NodePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    private readonly List<string> _log = [];
    private readonly Lock _gate = new();

    private NodePeer(Process process) => _process = process;

    public string Log
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public static NodePeer Start(string script, IReadOnlyDictionary<string, string> environment, params string[] preloads)
    {
        var modules = Path.Combine(RepositoryPaths.Interop, "node_modules", "dingtalk-stream");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException(
                $"Interop packages are not installed ({modules} missing). Run ./test.sh, which runs 'npm ci' in tests/interop.");
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Interop, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var preload in preloads)
        {
            info.ArgumentList.Add("--require");
            info.ArgumentList.Add(Path.Combine(RepositoryPaths.Interop, preload));
        }

        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Interop, script));
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var peer = new NodePeer(process);
        process.OutputDataReceived += (_, e) => peer.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => peer.OnLine(e.Data, isError: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Waits for the next JSON event with the given name; fails with the peer's log on timeout or exit.</summary>
    public async Task<JsonObject> WaitForAsync(string eventName, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var item = await _events.Reader.ReadAsync(cts.Token);
                if (item["event"]?.GetValue<string>() == "error")
                {
                    throw new InvalidOperationException("Node peer reported an error: " + item.ToJsonString() + "\n" + Log);
                }

                if (item["event"]?.GetValue<string>() == eventName)
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Node peer did not report '{eventName}' in time. Exited: {_process.HasExited}. Log:\n{Log}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"Node peer exited (code {_process.ExitCode}) before '{eventName}'. Log:\n{Log}");
        }
    }

    /// <summary>Takes an already received event, if any (used to show that nothing more came).</summary>
    public bool TryRead(out JsonObject? item) => _events.Reader.TryRead(out item);

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            if (!isError)
            {
                _events.Writer.TryComplete();
            }

            return;
        }

        lock (_gate)
        {
            _log.Add((isError ? "[stderr] " : "[stdout] ") + line);
        }

        if (!isError && line.StartsWith('{'))
        {
            try
            {
                if (JsonNode.Parse(line) is JsonObject obj)
                {
                    _events.Writer.TryWrite(obj);
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not one of ours: kept in the log only.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
