using System.Text;

namespace DingGate.Agent.Attachments;

// Text files: UTF-8 unless a byte order mark says otherwise; reads no more than the cap.
internal static class PlainTextReader
{
    public static async Task<(string Text, bool Truncated)> ReadAsync(string path, int maxChars, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var buffer = new char[maxChars + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var collector = new TextCollector(maxChars);
        collector.Append(new string(buffer, 0, read));
        return collector.Result();
    }
}
