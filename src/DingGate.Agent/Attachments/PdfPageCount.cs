namespace DingGate.Agent.Attachments;

// Counts page objects ("/Type /Page", not "/Pages") in PDF bytes. PdfPig builds its whole page tree when it opens a
// file (kilobytes per page), so a 16 MB file of 110 000 empty pages costs hundreds of MB before one page is read; the
// raw file is counted before it is opened, and object streams are counted as PdfPig decodes them.
internal static class PdfPageCount
{
    private static readonly byte[] TypeKey = "/Type"u8.ToArray();

    public static int Count(ReadOnlySpan<byte> data) => Count(data, data.Length);

    // Counts the markers that start before startsBefore (the rest of data is only there to finish them).
    private static int Count(ReadOnlySpan<byte> data, int startsBefore)
    {
        var count = 0;
        var at = 0;
        while (true)
        {
            var found = data[at..].IndexOf(TypeKey);
            if (found < 0 || at + found >= startsBefore)
            {
                return count;
            }

            var i = at + found + TypeKey.Length;
            while (i < data.Length && IsWhitespace(data[i]))
            {
                i++;
            }

            if (data[i..].StartsWith("/Page"u8) && (i + 5 >= data.Length || IsDelimiter(data[i + 5])))
            {
                count++;
            }

            at = i;
        }
    }

    /// <summary>Counts the pages of a file in 1 MB chunks; a marker across two chunks is counted once.</summary>
    public static int Count(Stream file, CancellationToken cancellationToken)
    {
        const int Overlap = 64;
        var buffer = new byte[(1024 * 1024) + Overlap];
        var carried = 0;
        var count = 0;
        int n;
        while ((n = file.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = carried + n;
            var keep = Math.Min(Overlap, length);
            count += Count(buffer.AsSpan(0, length), length - keep);
            buffer.AsSpan(length - keep, keep).CopyTo(buffer);
            carried = keep;
        }

        return count + Count(buffer.AsSpan(0, carried));
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    private static bool IsDelimiter(byte b) => IsWhitespace(b) || b is (byte)'/' or (byte)'>' or (byte)'<' or (byte)'[' or (byte)']' or (byte)'(' or (byte)')' or (byte)'%';
}
