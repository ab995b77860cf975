using System.Globalization;
using UglyToad.PdfPig.Tokens;

namespace DingGate.Agent.Attachments;

// What one PDF may decode: all its streams together stay within the file's decompression budget, and the content
// streams decoded for one page are at most MaxContentBytesPerPage long and show at most MaxTextBytesPerPage bytes of
// strings. PdfPig builds an object per operation and per glyph for the whole page before any text can be taken, so a
// page of 20 MB of "(AAAA…) Tj" or "0 0 m" would cost GBs however small the character cap; a dense real page shows a
// few KB of text in well under a MB of content.
internal sealed class PdfDecodeBudget(DecompressionBudget bytes, int maxPages)
{
    public const int MaxTextBytesPerPage = 256 * 1024;
    public const int MaxContentBytesPerPage = 8 * 1024 * 1024;

    private long _pageTextBytes;
    private long _pageContentBytes;
    private int _pages;

    public DecompressionBudget Bytes => bytes;

    /// <summary>Counts page objects found (in the raw file, or in an object stream as it is decoded).</summary>
    public void CountPages(int pages)
    {
        _pages += pages;
        if (_pages > maxPages)
        {
            bytes.Exceed(ExtractionLimit.Pages, string.Create(CultureInfo.InvariantCulture, $"more than {maxPages} pages"));
        }
    }

    /// <summary>A new page starts: its text budget is full again.</summary>
    public void StartPage() => (_pageTextBytes, _pageContentBytes) = (0, 0);

    /// <summary>Charges a decoded stream: its length, and the string bytes it shows when it is page content.</summary>
    public void Charge(ReadOnlySpan<byte> decoded, DictionaryToken? dictionary)
    {
        bytes.Take(decoded.Length);
        if (dictionary is not null && dictionary.TryGet(NameToken.Type, out var type) && type is NameToken { Data: "ObjStm" })
        {
            CountPages(PdfPageCount.Count(decoded));
        }

        if (!IsContent(dictionary))
        {
            return;
        }

        _pageContentBytes += decoded.Length;
        _pageTextBytes += PdfContentScan.StringBytes(decoded);
        if (_pageContentBytes > MaxContentBytesPerPage || _pageTextBytes > MaxTextBytesPerPage)
        {
            bytes.Exceed(
                ExtractionLimit.PageContent,
                string.Create(CultureInfo.InvariantCulture, $"a page has more than {MaxContentBytesPerPage} bytes of content or shows more than {MaxTextBytesPerPage} bytes of text"));
        }
    }

    // Page content and form XObjects; not fonts (Length1-3, or a Subtype), object or xref streams (a Type), images.
    private static bool IsContent(DictionaryToken? dictionary)
    {
        if (dictionary is null)
        {
            return true;
        }

        if (dictionary.TryGet(NameToken.Subtype, out var subtype))
        {
            return subtype is NameToken { Data: "Form" };
        }

        return !dictionary.ContainsKey(NameToken.Type) && !dictionary.ContainsKey(NameToken.Length1)
            && !dictionary.ContainsKey(NameToken.Length2) && !dictionary.ContainsKey(NameToken.Create("Length3"));
    }
}
