using System.Text;

namespace DingGate.Cli.Logs;

/// <summary>
/// Reads the gateway's daily JSONL files (<c>dinggate-YYYYMMDD.jsonl</c>, oldest first): the last entries that match,
/// then — when following — each complete line appended later, in this file or the next day's. A line still being
/// written (no newline yet) is read once it is complete.
/// </summary>
internal sealed class LogDirectoryReader(string directory, LogFilter filter)
{
    private const string Pattern = "dinggate-*.jsonl";
    private string? _file;
    private long _position;

    /// <summary>The last <paramref name="count"/> matching entries of all files; positions the reader at the end.</summary>
    public async Task<IReadOnlyList<LogEntry>> TailAsync(int count, CancellationToken cancellationToken)
    {
        _file = null;
        _position = 0;
        var all = await ReadNewAsync(cancellationToken);
        var kept = all.Skip(Math.Max(0, all.Count - count));
        return [.. kept];
    }

    /// <summary>Matching entries written since the last read (this file's rest, then any newer files).</summary>
    public async Task<IReadOnlyList<LogEntry>> ReadNewAsync(CancellationToken cancellationToken)
    {
        var found = new List<LogEntry>();
        while (true)
        {
            if (_file is not null)
            {
                found.AddRange(await ReadFromPositionAsync(_file, cancellationToken));
            }

            var next = Files().FirstOrDefault(f => _file is null || string.CompareOrdinal(Path.GetFileName(f), Path.GetFileName(_file)) > 0);
            if (next is null)
            {
                return found;
            }

            _file = next;
            _position = 0;
        }
    }

    private IEnumerable<string> Files() =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, Pattern).Order(StringComparer.Ordinal)
            : [];

    private async Task<List<LogEntry>> ReadFromPositionAsync(string file, CancellationToken cancellationToken)
    {
        var entries = new List<LogEntry>();
        byte[] bytes;
        try
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < _position)
            {
                _position = 0; // truncated or replaced: read it again from the start
            }

            stream.Position = _position;
            bytes = new byte[stream.Length - _position];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return entries;
        }

        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < 0)
        {
            return entries;
        }

        _position += end + 1;
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length > 0 && LogEntry.Parse(trimmed) is var entry && filter.Matches(entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
