using System.Globalization;
using System.Text;

namespace DingGate.Agent.Tests.Support.Bombs;

// Hostile PDFs generated in code (never committed), written object by object with a correct xref table.
internal static class PdfBombs
{
    private const string Font = "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>";

    /// <summary>One page whose FlateDecode content stream shows text without end (inflates to at least <paramref name="inflatedBytes"/>).</summary>
    public static void EndlessText(Stream output, long inflatedBytes) =>
        OnePage(output, "BT /F1 12 Tf 20 700 Td ", "(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj\n", inflatedBytes);

    /// <summary>One page whose FlateDecode content stream draws lines without end (no text at all).</summary>
    public static void EndlessPaths(Stream output, long inflatedBytes) =>
        OnePage(output, "q ", "0 0 m 10 10 l S\n", inflatedBytes);

    /// <summary>A page with a little text, then a FlateDecode stream nobody needs for text (not an image) that inflates without end.</summary>
    public static void UnusedStream(Stream output, long inflatedBytes)
    {
        var (data, _) = RepeatingDeflate.Create("x"u8, "0000000000000000"u8, inflatedBytes);
        Write(output, [
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R/PieceInfo 6 0 R>>",
            Plain("BT /F1 12 Tf 20 700 Td (Hello) Tj ET"),
            Font,
            Zlib(data, "/Type/Metadata"),
        ]);
    }

    /// <summary>A page with a little text in an embedded TrueType font whose FontFile2 stream inflates without end.</summary>
    public static void EndlessFontFile(Stream output, long inflatedBytes)
    {
        var (data, _) = RepeatingDeflate.Create("\0\u0001\0\0"u8, "0000000000000000"u8, inflatedBytes);
        var widths = string.Join(' ', Enumerable.Repeat("500", 95));
        Write(output, [
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
            Plain("BT /F1 12 Tf 20 700 Td (Hello) Tj ET"),
            $"<</Type/Font/Subtype/TrueType/BaseFont/Bomb/FirstChar 32/LastChar 126/Widths[{widths}]/FontDescriptor 6 0 R>>",
            "<</Type/FontDescriptor/FontName/Bomb/Flags 32/FontBBox[0 0 1000 1000]/ItalicAngle 0/Ascent 800/Descent -200/CapHeight 700/StemV 80/FontFile2 7 0 R>>",
            Zlib(data, "/Length1 " + inflatedBytes.ToString(CultureInfo.InvariantCulture)),
        ]);
    }

    /// <summary><paramref name="pages"/> pages sharing one small content stream.</summary>
    public static void ManyPages(Stream output, int pages)
    {
        var objects = new List<object>
        {
            "<</Type/Catalog/Pages 2 0 R>>",
            $"<</Type/Pages/Kids[{string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{i + 5} 0 R"))}]/Count {pages}>>",
            Plain("BT /F1 12 Tf 20 700 Td (page) Tj ET"),
            Font,
        };
        objects.AddRange(Enumerable.Range(0, pages).Select(_ => (object)"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 4 0 R>>>>/Contents 3 0 R>>"));
        Write(output, objects);
    }

    private static void OnePage(Stream output, string prefix, string period, long inflatedBytes)
    {
        var (data, _) = RepeatingDeflate.Create(Encoding.ASCII.GetBytes(prefix), Encoding.ASCII.GetBytes(period), inflatedBytes);
        Write(output, [
            "<</Type/Catalog/Pages 2 0 R>>",
            "<</Type/Pages/Kids[3 0 R]/Count 1>>",
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
            Zlib(data, string.Empty),
            Font,
        ]);
    }

    // A zlib stream: header, the raw deflate data, a (wrong, never reached) Adler-32.
    private static StreamObject Zlib(byte[] deflate, string extra) => new($"/Filter/FlateDecode{extra}", [0x78, 0xDA, .. deflate, 0, 0, 0, 0]);

    private static StreamObject Plain(string content) => new(string.Empty, Encoding.ASCII.GetBytes(content));

    // Objects are numbered from 1 in order; a string is a dictionary or value, a StreamObject a stream.
    private static void Write(Stream output, IReadOnlyList<object> objects)
    {
        var start = output.Position;
        var offsets = new long[objects.Count];
        void Ascii(string s) => output.Write(Encoding.ASCII.GetBytes(s));
        Ascii("%PDF-1.7\n%\u00e2\u00e3\n");
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = output.Position - start;
            Ascii(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n"));
            if (objects[i] is StreamObject stream)
            {
                Ascii(string.Create(CultureInfo.InvariantCulture, $"<</Length {stream.Data.Length}{stream.Dictionary}>>\nstream\n"));
                output.Write(stream.Data);
                Ascii("\nendstream\n");
            }
            else
            {
                Ascii((string)objects[i] + "\n");
            }

            Ascii("endobj\n");
        }

        var xref = output.Position - start;
        var table = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {objects.Count + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n");
        Ascii(table.ToString());
    }

    private sealed record StreamObject(string Dictionary, byte[] Data);
}
