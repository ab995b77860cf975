using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace DingGate.Cli.Gateway.Logging;

/// <summary>
/// Appends log lines to <c>&lt;dir&gt;/dinggate-YYYYMMDD.jsonl</c> (a new file each day, UTC) from one owned background
/// task fed by an unbounded channel, so logging never blocks a caller on disk I/O. <see cref="DisposeAsync"/> drains
/// and flushes.
/// </summary>
internal sealed class JsonlLogWriter : IAsyncDisposable
{
    private readonly Channel<(DateTimeOffset At, string Line)> _lines = Channel.CreateUnbounded<(DateTimeOffset, string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _directory;
    private readonly Task _pump;

    public JsonlLogWriter(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
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
                    var name = FileNameFor(entry.At);
                    if (name != current)
                    {
                        if (writer is not null)
                        {
                            await writer.DisposeAsync();
                        }

                        writer = new StreamWriter(new FileStream(Path.Combine(_directory, name), FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false));
                        current = name;
                    }

                    await writer!.WriteLineAsync(entry.Line);
                }

                await writer!.FlushAsync();
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }
    }
}
