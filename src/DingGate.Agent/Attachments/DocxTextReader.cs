using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DingGate.Agent.Attachments;

// DOCX body text, one line per paragraph (tables' cell paragraphs included, in document order).
internal static class DocxTextReader
{
    public static (string Text, bool Truncated) Read(string path, int maxChars, CancellationToken cancellationToken)
    {
        using var document = WordprocessingDocument.Open(path, false);
        var body = document.MainDocumentPart?.Document?.Body;
        var collector = new TextCollector(maxChars);
        if (body is null)
        {
            return collector.Result();
        }

        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            collector.Append(paragraph.InnerText + "\n");
            if (collector.IsFull)
            {
                break;
            }
        }

        return collector.Result();
    }
}
