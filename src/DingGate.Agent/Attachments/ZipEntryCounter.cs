using System.Buffers.Binary;
using System.Globalization;

namespace DingGate.Agent.Attachments;

// Counts the central directory entries of a zip file the way ZipArchive walks them (from the offset the end record
// gives, header after header until the signature stops matching), without keeping any of them. ZipArchive builds an
// object for every entry before anything can be checked, so a file claiming 500 000 tiny parts is refused here first.
// Names, extra fields and comments are kept by ZipArchive too: the directory may average 1 KiB per allowed part.
internal static class ZipEntryCounter
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint EntrySignature = 0x02014b50;
    private const int EndSize = 22;
    private const int EntryHeaderSize = 46;
    private const int DirectoryBytesPerPart = 1024;

    /// <summary>Throws <see cref="ExtractionLimitExceededException"/> when the file holds more than <paramref name="maxParts"/> entries.</summary>
    public static void EnsureAtMost(FileStream file, int maxParts, CancellationToken cancellationToken)
    {
        var start = CentralDirectoryStart(file);
        if (start is not { } offset || offset < 0 || offset >= file.Length)
        {
            return; // Not a zip this walker understands: ZipArchive decides (and refuses) it.
        }

        file.Position = offset;
        Span<byte> header = stackalloc byte[EntryHeaderSize];
        var count = 0;
        long directoryBytes = 0;
        while (file.Length - file.Position >= EntryHeaderSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            file.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != EntrySignature)
            {
                break;
            }

            if (++count > maxParts)
            {
                throw new ExtractionLimitExceededException(
                    ExtractionLimit.Parts, string.Create(CultureInfo.InvariantCulture, $"more than {maxParts} parts in the zip file"));
            }

            var skip = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            directoryBytes += EntryHeaderSize + skip;
            if (directoryBytes > (long)maxParts * DirectoryBytesPerPart)
            {
                throw new ExtractionLimitExceededException(
                    ExtractionLimit.Parts, string.Create(CultureInfo.InvariantCulture, $"zip directory over {maxParts * DirectoryBytesPerPart} bytes ({maxParts} parts)"));
            }

            file.Seek(skip, SeekOrigin.Current);
        }

        file.Position = 0;
    }

    private static long? CentralDirectoryStart(FileStream file)
    {
        if (file.Length < EndSize)
        {
            return null;
        }

        // The end record sits in the last 22 + 65 535 (comment) bytes; searched from the end, as ZipArchive does.
        var tailLength = (int)Math.Min(file.Length, EndSize + ushort.MaxValue);
        var tail = new byte[tailLength];
        file.Position = file.Length - tailLength;
        file.ReadExactly(tail);
        for (var i = tailLength - EndSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndSignature)
            {
                continue;
            }

            var offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 16));
            var entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            if (offset != uint.MaxValue && entries != ushort.MaxValue)
            {
                return offset;
            }

            return Zip64Start(file, file.Length - tailLength + i) ?? offset;
        }

        return null;
    }

    private static long? Zip64Start(FileStream file, long endPosition)
    {
        if (endPosition < 20)
        {
            return null;
        }

        Span<byte> locator = stackalloc byte[20];
        file.Position = endPosition - 20;
        file.ReadExactly(locator);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
        {
            return null;
        }

        var recordAt = BinaryPrimitives.ReadInt64LittleEndian(locator[8..]);
        if (recordAt < 0 || recordAt > file.Length - 56)
        {
            return null;
        }

        Span<byte> record = stackalloc byte[56];
        file.Position = recordAt;
        file.ReadExactly(record);
        return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature ? BinaryPrimitives.ReadInt64LittleEndian(record[48..]) : null;
    }
}
