using System.Buffers.Binary;
using System.Text;

namespace DingGate.Agent.Tests.Support.Bombs;

// A minimal zip writer (local headers, data, central directory, end record) that lets an entry claim any inflated
// size and carry pre-built deflate data, streaming to the output. Sizes stay below 4 GB (no zip64).
internal static class HandWrittenZip
{
    public static void Write(Stream output, IEnumerable<ZipEntryData> entries)
    {
        var central = new MemoryStream();
        var count = 0;
        Span<byte> local = stackalloc byte[30];
        Span<byte> header = stackalloc byte[46];
        foreach (var entry in entries)
        {
            var name = Encoding.UTF8.GetBytes(entry.Name);
            var offset = output.Position;
            var inflated = (uint)Math.Min(entry.InflatedLength, uint.MaxValue - 1);
            local.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(local, 0x04034b50);
            BinaryPrimitives.WriteUInt16LittleEndian(local[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(local[6..], 0x0800);
            BinaryPrimitives.WriteUInt16LittleEndian(local[8..], (ushort)(entry.Deflated ? 8 : 0));
            BinaryPrimitives.WriteUInt32LittleEndian(local[10..], 0x00210000);
            BinaryPrimitives.WriteUInt32LittleEndian(local[14..], entry.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(local[18..], (uint)entry.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(local[22..], inflated);
            BinaryPrimitives.WriteUInt16LittleEndian(local[26..], (ushort)name.Length);
            output.Write(local);
            output.Write(name);
            output.Write(entry.Data);

            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 20);
            local[6..26].CopyTo(header[8..]);
            BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], (uint)offset);
            central.Write(header);
            central.Write(name);
            count++;
        }

        var centralStart = output.Position;
        central.Position = 0;
        central.CopyTo(output);
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)Math.Min(count, ushort.MaxValue));
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)Math.Min(count, ushort.MaxValue));
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)central.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)centralStart);
        output.Write(end);
    }

    public static byte[] ToArray(IEnumerable<ZipEntryData> entries)
    {
        using var memory = new MemoryStream();
        Write(memory, entries);
        return memory.ToArray();
    }
}
