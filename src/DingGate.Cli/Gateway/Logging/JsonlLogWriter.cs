using System.Globalization;
using System.Text;
using System.Threading.Channels;
using DingGate.Core.Files;

namespace DingGate.Cli.Gateway.Logging;

/// <summary>
/// Appends log lines to <c>&lt;dir&gt;/dinggate-YYYYMMDD.jsonl</c> (a new file each day, UTC; files 0600, the directory 0700 when created) from one owned background
/// task fed by an unbounded channel, so logging never blocks a caller on disk I/O. <see cref="DisposeAsync"/> drains
/// and flushes.
/// </summary>
internal sealed class JsonlLogWriter : IAsyncDisposable
{
    private readonly Channel<(DateTimeOffset At, string Line)> _lines = Channel.CreateUnbounded<(DateTimeOffset, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _directory;
    private readonly Task _pump;
    private long _dropped;

    public JsonlLogWriter(string directory)
    {
        _directory = directory;
        PrivateFiles.CreateDirectory(directory);
        _pump = PumpAsync();
    }

    /// <summary>File name of the day of <paramref name="at"/>.</summary>
    public static string FileNameFor(DateTimeOffset at) => "dinggate-" + at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ".jsonl";

    public void Write(DateTimeOffset at, string line) => _lines.Writer.TryWrite((at, line));

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _pump;
    }

    /// <summary>Lines that could not be written (disk full, directory removed, no permission); the console log still has them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private async Task PumpAsync()
    {
        StreamWriter? writer = null;
        string? current = null;
        try
        {
            while (await _lines.Reader.WaitToReadAsync())
            {
                while (_lines.Reader.TryRead(out var entry))
                {
                    try
                    {
                        var name = FileNameFor(entry.At);
                        if (name != current || writer is null)
                        {
                            await CloseAsync(writer);
                            writer = null;
                            PrivateFiles.CreateDirectory(_directory);
                            writer = new StreamWriter(PrivateFiles.Open(Path.Combine(_directory, name), FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false));
                            current = name;
                        }

                        await writer.WriteLineAsync(entry.Line);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // The file log must never take the gateway down: drop the line, reopen on the next one.
                        Interlocked.Increment(ref _dropped);
                        await CloseAsync(writer);
                        writer = null;
                    }
                }

                try
                {
                    if (writer is not null)
                    {
                        await writer.FlushAsync();
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await CloseAsync(writer);
                    writer = null;
                }
            }
        }
        finally
        {
            await CloseAsync(writer);
        }
    }

    private static async Task CloseAsync(StreamWriter? writer)
    {
        if (writer is null)
        {
            return;
        }

        try
        {
            await writer.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Flushing the tail failed; those lines are lost like any other failed write.
        }
    }
}
