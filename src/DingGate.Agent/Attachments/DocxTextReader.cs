using System.IO.Compression;
using System.Xml;

namespace DingGate.Agent.Attachments;

// DOCX body text, one line per paragraph (tables' cell paragraphs included, in document order; runs of empty
// paragraphs become one blank line, so they cannot fill the character cap with nothing). Streams: the zip's
// entries are counted before it is opened, the main part is read with an XmlReader over the inflating entry stream
// (never loaded whole), every byte inflated is charged to the file's budget, text comes in chunks and reading stops at
// the character cap. Only _rels/.rels and the main document are ever opened: embedded packages (an XLSX or another zip
// inside the DOCX) are never looked into. No DTD, no entities, no external resources.
internal static class DocxTextReader
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocumentType = "/officeDocument";
    private const string DefaultMainPart = "word/document.xml";
    private const int MaxNamedEmbeddings = 5;

    public static (string Text, bool Truncated) Read(string path, int maxChars, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 16 * 1024);
        ZipEntryCounter.EnsureAtMost(file, limits.MaxParts, cancellationToken);
        using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
        var budget = new DecompressionBudget(limits.MaxDecompressedBytes, cancellationToken);
        var main = Entry(zip, MainPartName(zip, budget)) ?? throw new InvalidDataException("The DOCX has no main document part.");
        var collector = new TextCollector(maxChars);
        using var reader = XmlReader.Create(new BudgetedReadStream(main.Open(), budget), SafeXml.Settings);
        var buffer = new char[4096];
        while (!collector.IsFull && reader.Read())
        {
            SafeXml.EnsureDepth(reader);
            if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == WordNamespace && reader.LocalName == "t" && !reader.IsEmptyElement)
            {
                ReadText(reader, collector, buffer);
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.NamespaceURI == WordNamespace && reader.LocalName == "p" && !collector.EndsWithBlankLine)
            {
                collector.Append("\n");
            }
        }

        var (text, truncated) = collector.Result();
        return ((EmbeddedNote(zip) + text).TrimEnd(), truncated);
    }

    // Embedded files (an XLSX, a zip, another document) are not read; the model is told which.
    private static string EmbeddedNote(ZipArchive zip)
    {
        var names = zip.Entries.Where(e => e.FullName.StartsWith("word/embeddings/", StringComparison.OrdinalIgnoreCase) && e.Name.Length > 0)
            .Select(e => e.Name).ToList();
        return names.Count == 0 ? string.Empty
            : $"[内嵌文件未读取 / embedded files not read: {string.Join(", ", names.Take(MaxNamedEmbeddings))}{(names.Count > MaxNamedEmbeddings ? ", …" : string.Empty)}]\n";
    }

    // The text nodes of one <w:t>, in chunks: a 300 MB run never becomes one string.
    private static void ReadText(XmlReader reader, TextCollector collector, char[] buffer)
    {
        var depth = reader.Depth;
        while (reader.Read() && reader.Depth > depth)
        {
            SafeXml.EnsureDepth(reader);
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA)
            {
                int n;
                while (!collector.IsFull && (n = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                {
                    collector.Append(buffer.AsSpan(0, n));
                }
            }

            if (collector.IsFull)
            {
                return;
            }
        }
    }

    // The target of the officeDocument relationship in _rels/.rels (normally word/document.xml).
    private static string MainPartName(ZipArchive zip, DecompressionBudget budget)
    {
        if (Entry(zip, "_rels/.rels") is not { } rels)
        {
            return DefaultMainPart;
        }

        using var reader = XmlReader.Create(new BudgetedReadStream(rels.Open(), budget), SafeXml.Settings);
        while (reader.Read())
        {
            SafeXml.EnsureDepth(reader);
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.NamespaceURI == RelationshipsNamespace
                && reader.GetAttribute("Type") is { } type && type.EndsWith(OfficeDocumentType, StringComparison.Ordinal)
                && reader.GetAttribute("Target") is { Length: > 0 } target)
            {
                return target.TrimStart('/');
            }
        }

        return DefaultMainPart;
    }

    private static ZipArchiveEntry? Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName.TrimStart('/'), name, StringComparison.OrdinalIgnoreCase));

}
