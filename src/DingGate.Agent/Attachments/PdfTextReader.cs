using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace DingGate.Agent.Attachments;

// PDF text, page by page, in reading order.
internal static class PdfTextReader
{
    public static (string Text, bool Truncated) Read(string path, int maxChars, CancellationToken cancellationToken)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(path);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new PdfEncryptedException("The PDF is encrypted.", ex);
        }

        using (document)
        {
            var collector = new TextCollector(maxChars);
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = ContentOrderTextExtractor.GetText(page);
                collector.Append(string.Format(CultureInfo.InvariantCulture, "--- 第 {0} 页 / page {0} ---\n", page.Number));
                collector.Append(text.Trim() + "\n\n");
                if (collector.IsFull)
                {
                    break;
                }
            }

            return collector.Result();
        }
    }
}
