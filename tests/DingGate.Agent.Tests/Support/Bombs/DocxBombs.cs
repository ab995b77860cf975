using System.Text;

namespace DingGate.Agent.Tests.Support.Bombs;

// Hostile DOCX files generated in code (never committed): the package skeleton of a real DOCX around a hostile part.
internal static class DocxBombs
{
    public const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    public const string DocumentStart = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>""";

    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/><Default Extension="zip" ContentType="application/zip"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """;

    private const string Rels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """;

    /// <summary>Paragraphs without text (no character cap can stop it): document.xml inflates to at least <paramref name="inflatedBytes"/>.</summary>
    public static void EmptyParagraphs(Stream output, long inflatedBytes) =>
        Repeating(output, DocumentStart, """<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/></w:rPr></w:r></w:p>""", inflatedBytes);

    /// <summary>One text run that never ends.</summary>
    public static void EndlessText(Stream output, long inflatedBytes) =>
        Repeating(output, DocumentStart + "<w:p><w:r><w:t>", "炸弹 bomb text ", inflatedBytes);

    /// <summary>A start tag whose attribute value never ends (the parser must hold a whole tag).</summary>
    public static void EndlessAttribute(Stream output, long inflatedBytes) =>
        Repeating(output, DocumentStart + "<w:p w:rsidR=\"", "AAAAAAAA", inflatedBytes);

    /// <summary>A comment that never ends, with '&gt;' inside.</summary>
    public static void EndlessComment(Stream output, long inflatedBytes) =>
        Repeating(output, DocumentStart + "<!--", "-> > >", inflatedBytes);

    /// <summary>Elements nested without end.</summary>
    public static void DeepNesting(Stream output, long inflatedBytes) =>
        Repeating(output, DocumentStart, "<w:p><w:r>", inflatedBytes);

    /// <summary>Billion laughs: a DTD whose entities expand exponentially.</summary>
    public static void EntityExpansion(Stream output)
    {
        var dtd = new StringBuilder("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lolololololololololol">""");
        for (var i = 1; i < 10; i++)
        {
            dtd.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">");
        }

        dtd.Append($"""]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>""");
        HandWrittenZip.Write(output, [.. Skeleton(), ZipEntryData.Text("word/document.xml", dtd.ToString())]);
    }

    /// <summary>A DOCX with <paramref name="parts"/> tiny extra parts.</summary>
    public static void ManyParts(Stream output, int parts) =>
        HandWrittenZip.Write(output, [.. Skeleton(), Document("many parts"), .. Enumerable.Range(0, parts).Select(i => ZipEntryData.Stored($"p/{i}", []))]);

    /// <summary>A DOCX with a few parts whose names are each <paramref name="nameLength"/> characters long.</summary>
    public static void LongNames(Stream output, int parts, int nameLength) =>
        HandWrittenZip.Write(output, [.. Skeleton(), Document("long names"), .. Enumerable.Range(0, parts).Select(i => ZipEntryData.Stored($"{i}/{new string('n', nameLength)}", []))]);

    /// <summary>A small, honest document with an embedded package: an XLSX whose sheet inflates to gigabytes.</summary>
    public static void XlsxInDocx(Stream output, string text, long inflatedBytes)
    {
        var (sheet, length) = RepeatingDeflate.Create(
            Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""),
            Encoding.UTF8.GetBytes("""<row><c t="inlineStr"><is><t>bomb</t></is></c></row>"""), inflatedBytes);
        var xlsx = HandWrittenZip.ToArray([ZipEntryData.Text("[Content_Types].xml", ContentTypes), ZipEntryData.Bomb("xl/worksheets/sheet1.xml", sheet, length)]);
        HandWrittenZip.Write(output, [.. Skeleton(), Document(text), ZipEntryData.Stored("word/embeddings/Microsoft_Excel_Worksheet.xlsx", xlsx)]);
    }

    /// <summary>A small, honest document with an embedded zip of zips (<paramref name="width"/>^<paramref name="depth"/> bombs inside).</summary>
    public static void NestedZipInDocx(Stream output, string text, int width, int depth, long inflatedBytes)
    {
        var (leaf, length) = RepeatingDeflate.Create("bomb"u8, "0000000000000000"u8, inflatedBytes);
        var level = HandWrittenZip.ToArray([ZipEntryData.Bomb("bomb.txt", leaf, length)]);
        for (var d = 0; d < depth; d++)
        {
            var inner = level;
            level = HandWrittenZip.ToArray(Enumerable.Range(0, width).Select(i => ZipEntryData.Stored($"level{d}-{i}.zip", inner)));
        }

        HandWrittenZip.Write(output, [.. Skeleton(), Document(text), ZipEntryData.Stored("word/embeddings/nested.zip", level)]);
    }

    private static void Repeating(Stream output, string prefix, string period, long inflatedBytes)
    {
        var (data, length) = RepeatingDeflate.Create(Encoding.UTF8.GetBytes(prefix), Encoding.UTF8.GetBytes(period), inflatedBytes);
        HandWrittenZip.Write(output, [.. Skeleton(), ZipEntryData.Bomb("word/document.xml", data, length)]);
    }

    private static ZipEntryData Document(string text) =>
        ZipEntryData.Text("word/document.xml", $"{DocumentStart}<w:p><w:r><w:t>{System.Security.SecurityElement.Escape(text)}</w:t></w:r></w:p></w:body></w:document>");

    private static ZipEntryData[] Skeleton() => [ZipEntryData.Text("[Content_Types].xml", ContentTypes), ZipEntryData.Text("_rels/.rels", Rels)];
}
