using System.Globalization;
using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace DingGate.Agent.Attachments;

// One PdfPig filter under the file's budget. Flate data is first inflated into a scratch buffer and only counted, so
// a stream inflating past what is left of the budget is refused having cost a 64 KB buffer; other filters are
// refused when their worst expansion could exceed it (LZW ~2 700:1, RunLength 64:1, ASCII85 4:1). Whatever is
// decoded is then charged to the budget (and, for page content, to the page's budget). PdfPig catches some errors
// (a broken font, say) and carries on, so a limit once reached is recorded in the budget: every later decode is
// refused at once and the reader turns it into the note after the page.
internal sealed class BudgetedPdfFilter(IFilter inner, PdfDecodeBudget budget) : IFilter
{
    private const int ScratchSize = 64 * 1024;

    public bool IsSupported => inner.IsSupported;

    public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
    {
        var bytes = budget.Bytes;
        bytes.CancellationToken.ThrowIfCancellationRequested();
        bytes.ThrowIfExceeded();
        var left = bytes.MaxBytes - bytes.Used;
        var worst = inner switch
        {
            FlateFilter => InflatedLength(input, left),
            LzwFilter => input.Length * 2731L,
            RunLengthFilter => input.Length * 64L,
            Ascii85Filter => input.Length * 4L,
            _ => input.Length,
        };
        if (worst > left)
        {
            bytes.Exceed(ExtractionLimit.DecompressedBytes, string.Create(CultureInfo.InvariantCulture, $"more than {bytes.MaxBytes} bytes decompressed"));
        }

        var decoded = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        budget.Charge(decoded.Span, streamDictionary);
        return decoded;
    }

    // How long the inflated data is, counting no further than limit + 1 (PdfPig skips the two zlib header bytes and
    // inflates raw deflate data, so this does the same).
    private long InflatedLength(Memory<byte> input, long limit)
    {
        if (input.Length < 2)
        {
            return 0;
        }

        var scratch = new byte[ScratchSize];
        long total = 0;
        try
        {
            using var source = new ReadOnlyMemoryStream(input[2..]);
            using var inflater = new DeflateStream(source, CompressionMode.Decompress);
            int n;
            while ((n = inflater.Read(scratch)) > 0)
            {
                budget.Bytes.CancellationToken.ThrowIfCancellationRequested();
                total += n;
                if (total > limit)
                {
                    break;
                }
            }
        }
        catch (InvalidDataException)
        {
            // Corrupt data: PdfPig decodes what it can; what it returns is charged afterwards.
        }

        return total;
    }
}
