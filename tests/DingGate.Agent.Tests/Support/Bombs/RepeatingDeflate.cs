using System.IO.Compression;

namespace DingGate.Agent.Tests.Support.Bombs;

// Raw deflate data for prefix + period × n in time and memory proportional to the COMPRESSED size, so a test can make
// a 5 MB file that inflates to gigabytes in milliseconds. The periodic part is compressed in chunks that are whole
// periods, each ended by a sync flush; once the window holds only the period, a chunk's encoding no longer depends on
// where it sits, so one steady chunk is repeated and a final empty block closes the stream.
internal static class RepeatingDeflate
{
    private static readonly byte[] FinalEmptyBlock = [0x03, 0x00];

    /// <summary>Writes the data to <paramref name="output"/>; returns the inflated length.</summary>
    public static long Write(Stream output, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> period, long minInflatedLength)
    {
        var perChunk = Math.Max(1, (1024 * 1024 + period.Length - 1) / period.Length);
        var chunk = new byte[perChunk * period.Length];
        for (var i = 0; i < perChunk; i++)
        {
            period.CopyTo(chunk.AsSpan(i * period.Length));
        }

        using var head = new MemoryStream();
        long steadyStart, steadyEnd;
        using (var deflate = new DeflateStream(head, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(prefix);
            deflate.Write(chunk);
            deflate.Write(chunk);
            deflate.Flush();
            steadyStart = head.Length;
            deflate.Write(chunk);
            deflate.Flush();
            steadyEnd = head.Length;
        }

        var bytes = head.GetBuffer();
        var steady = bytes.AsSpan((int)steadyStart, (int)(steadyEnd - steadyStart));
        output.Write(bytes, 0, (int)steadyStart);
        long inflated = prefix.Length + (2L * chunk.Length);
        while (inflated < minInflatedLength)
        {
            output.Write(steady);
            inflated += chunk.Length;
        }

        output.Write(FinalEmptyBlock);
        return inflated;
    }

    /// <summary>The same as a byte array (for small bombs).</summary>
    public static (byte[] Data, long InflatedLength) Create(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> period, long minInflatedLength)
    {
        using var memory = new MemoryStream();
        var length = Write(memory, prefix, period, minInflatedLength);
        return (memory.ToArray(), length);
    }
}
