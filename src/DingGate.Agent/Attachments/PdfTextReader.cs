using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace DingGate.Agent.Attachments;

// PDF text, page by page, in reading order, under the file's limits: the page objects are counted before PdfPig
// opens the file (it builds the whole page tree at once), every stream PdfPig decodes goes through a budgeted filter
// (see PdfDecodeBudget), reading stops at the character cap, and the deadline is checked between pages and during
// every decode.
internal static class PdfTextReader
{
    public static (string Text, bool Truncated) Read(string path, int maxChars, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var budget = new PdfDecodeBudget(new DecompressionBudget(limits.MaxDecompressedBytes, cancellationToken), limits.MaxPages);
        try
        {
            return Read(path, maxChars, limits, budget, cancellationToken);
        }
        catch (Exception ex) when (ex is not ExtractionLimitExceededException and not OperationCanceledException && budget.Bytes.Exceeded is not null)
        {
            // PdfPig wrapped our limit in its own error: the limit is what the note names.
            budget.Bytes.ThrowIfExceeded();
            throw;
        }
    }

    private static (string Text, bool Truncated) Read(string path, int maxChars, ExtractionLimits limits, PdfDecodeBudget budget, CancellationToken cancellationToken)
    {
        var options = new ParsingOptions { FilterProvider = new BudgetedPdfFilterProvider(budget) };
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 16 * 1024);
        budget.CountPages(PdfPageCount.Count(file, cancellationToken));
        file.Position = 0;
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(file, options);
            budget.Bytes.ThrowIfExceeded();
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new PdfEncryptedException("The PDF is encrypted.", ex);
        }

        using (document)
        {
            var collector = new TextCollector(maxChars);
            var pages = document.NumberOfPages;
            for (var number = 1; number <= pages && !collector.IsFull; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (number > limits.MaxPages)
                {
                    collector.MarkTruncated();
                    break;
                }

                budget.StartPage();
                var page = document.GetPage(number);
                var text = ContentOrderTextExtractor.GetText(page);
                budget.Bytes.ThrowIfExceeded();
                collector.Append(string.Format(CultureInfo.InvariantCulture, "--- 第 {0} 页 / page {0} ---\n", page.Number));
                collector.Append(text.Trim() + "\n\n");
            }

            return collector.Result();
        }
    }
}
