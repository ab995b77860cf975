using CsCheck;
using DingGate.Agent.Attachments;
using DingGate.Agent.Tests.Support;
using DingGate.Agent.Tests.Support.Bombs;
using DingGate.Core.Inbound;

namespace DingGate.Agent.Tests.Attachments;

// Generated decompression, XML and PDF bombs against the extractor. Memory is measured as the bytes allocated on the
// extracting thread (the readers are synchronous): a bound on everything allocated is a bound on the peak. Without
// the limits each of these allocates gigabytes (or dies).
public sealed class AttachmentBombTests : IDisposable
{
    private const long Gigabyte = 1024L * 1024 * 1024;
    private const long Megabyte = 1024L * 1024;
    private readonly TempFolder _folder = new();

    public static TheoryData<string> DocxBombShapes => ["empty-paragraphs", "endless-attribute", "endless-comment", "deep-nesting"];

    [Theory]
    [MemberData(nameof(DocxBombShapes))]
    public void Docx_InflatingToGigabytes_LimitNoteWithBoundedMemory(string shape)
    {
        var path = Bomb("bomb.docx", s => DocxShape(shape, s, 2 * Gigabyte));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "bomb.docx");

        Assert.True(result.IsNote, result.Text);
        Assert.Contains("file over a reading limit, not read: bomb.docx", result.Text, StringComparison.Ordinal);
        Assert.Contains(shape == "deep-nesting" ? "nested too deeply" : "too much data when decompressed, limit 33554432 bytes", result.Text, StringComparison.Ordinal);
        Assert.True(allocated < 160 * Megabyte, $"{allocated / Megabyte} MB allocated for the {shape} bomb");
    }

    [Fact]
    public void Docx_EndlessText_StopsAtTheCharacterCap()
    {
        var path = Bomb("text.docx", s => DocxBombs.EndlessText(s, 2 * Gigabyte));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "text.docx");

        Assert.False(result.IsNote);
        Assert.True(result.Truncated);
        Assert.StartsWith("炸弹 bomb text", result.Text, StringComparison.Ordinal);
        Assert.Equal(20_000 + AttachmentTextExtractor.TruncatedMarker.Length, result.Text.Length);
        Assert.True(allocated < 16 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    [Fact]
    public void Docx_EntityExpansion_NeverExpanded()
    {
        var path = Bomb("lol.docx", DocxBombs.EntityExpansion);

        var (result, allocated) = Extract(new ExtractionLimits(), path, "lol.docx");

        Assert.True(result.IsNote, result.Text);
        Assert.Contains("lol.docx", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("lolololol", result.Text, StringComparison.Ordinal);
        Assert.True(allocated < 16 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    [Fact]
    public void Docx_ManyParts_RefusedBeforeTheZipIsOpened()
    {
        var path = Bomb("parts.docx", s => DocxBombs.ManyParts(s, 60_000));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "parts.docx");

        Assert.True(result.IsNote, result.Text);
        Assert.Contains("parts.docx", result.Text, StringComparison.Ordinal);
        Assert.Contains("too many parts, limit 1000", result.Text, StringComparison.Ordinal);
        Assert.True(allocated < 4 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    [Fact]
    public void Docx_FewPartsWithHugeNames_RefusedBeforeTheZipIsOpened()
    {
        var path = Bomb("names.docx", s => DocxBombs.LongNames(s, parts: 120, nameLength: 60_000));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "names.docx");

        Assert.True(result.IsNote, result.Text);
        Assert.Contains("too many parts, limit 1000", result.Text, StringComparison.Ordinal);
        Assert.True(allocated < 4 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    [Fact]
    public void Pdf_110000Pages_RefusedBeforeThePageTreeIsBuilt()
    {
        var path = Bomb("pages.pdf", s => PdfBombs.ManyPages(s, 110_000));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "pages.pdf");

        Assert.True(result.IsNote, result.Text);
        Assert.Contains("file over a reading limit, not read: pages.pdf (pdf, 页数过多 / too many pages, limit 2000)", result.Text, StringComparison.Ordinal);
        Assert.True(allocated < 8 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    [Fact]
    public void Docx_XlsxEmbedded_TextReadEmbeddingNeverOpened()
    {
        var path = Bomb("report.docx", s => DocxBombs.XlsxInDocx(s, "季度报告 quarterly report", 3 * Gigabyte));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "report.docx");

        Assert.False(result.IsNote, result.Text);
        Assert.Equal("[内嵌文件未读取 / embedded files not read: Microsoft_Excel_Worksheet.xlsx]\n季度报告 quarterly report", result.Text);
        Assert.True(allocated < 8 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    [Fact]
    public void Docx_NestedZipsEmbedded_TextReadEmbeddingNeverOpened()
    {
        var path = Bomb("nested.docx", s => DocxBombs.NestedZipInDocx(s, "hello", width: 4, depth: 3, inflatedBytes: 64 * Megabyte));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "nested.docx");

        Assert.Equal("[内嵌文件未读取 / embedded files not read: nested.zip]\nhello", result.Text);
        Assert.True(allocated < 8 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    public static TheoryData<string> PdfBombShapes => ["endless-text", "endless-paths", "endless-font-file"];

    [Theory]
    [MemberData(nameof(PdfBombShapes))]
    public void Pdf_HugeFlateStream_LimitNoteWithBoundedMemory(string shape)
    {
        var path = Bomb("bomb.pdf", s => PdfShape(shape, s, Gigabyte));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "bomb.pdf");

        Assert.True(result.IsNote, result.Text);
        Assert.Contains("file over a reading limit, not read: bomb.pdf (pdf, ", result.Text, StringComparison.Ordinal);
        Assert.True(allocated < 200 * Megabyte, $"{allocated / Megabyte} MB allocated for the {shape} bomb");
    }

    [Fact]
    public void Pdf_StreamNobodyReads_NeverInflated()
    {
        var path = Bomb("meta.pdf", s => PdfBombs.UnusedStream(s, 4 * Gigabyte));

        var (result, allocated) = Extract(new ExtractionLimits(), path, "meta.pdf");

        Assert.Equal("--- 第 1 页 / page 1 ---\nHello", result.Text);
        // Far below the 4 GB the stream inflates to; the margin covers first-use allocations on this thread (a CI run
        // measured 32 MB when this test ran first in its class).
        Assert.True(allocated < (32 * Megabyte) + (4 * new FileInfo(path).Length), $"{allocated / Megabyte} MB allocated for a {new FileInfo(path).Length / Megabyte} MB file");
    }

    [Fact]
    public void Pdf_AsManyPagesAsAllowed_ReadToTheCharacterCap()
    {
        var path = Bomb("pages.pdf", s => PdfBombs.ManyPages(s, 2_000));

        var (result, allocated) = Extract(new ExtractionLimits { MaxCharsPerFile = 2_000 }, path, "pages.pdf");

        Assert.False(result.IsNote, result.Text);
        Assert.True(result.Truncated);
        Assert.StartsWith("--- 第 1 页 / page 1 ---\npage", result.Text, StringComparison.Ordinal);
        Assert.True(allocated < 64 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    [Fact]
    public void Pdf_OneMorePageThanAllowed_Note()
    {
        var path = Bomb("pages.pdf", s => PdfBombs.ManyPages(s, 51));

        var (result, _) = Extract(new ExtractionLimits { MaxPages = 50 }, path, "pages.pdf");

        Assert.True(result.IsNote, result.Text);
        Assert.Contains("too many pages, limit 50", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_Passed_TimeNoteNamingTheFile()
    {
        var path = Bomb("slow.docx", s => DocxBombs.EmptyParagraphs(s, Gigabyte));
        var extractor = new AttachmentTextExtractor(new ExtractionLimits { Timeout = TimeSpan.Zero, MaxDecompressedBytes = long.MaxValue });

        var result = await extractor.ExtractAsync(Attachment(path, "slow.docx"), 20_000, CancellationToken.None);

        Assert.True(result.IsNote, result.Text);
        Assert.Contains("file over a reading limit, not read: slow.docx (docx, 读取超时 / took too long to read, limit 0 s)", result.Text, StringComparison.Ordinal);
    }

    // Property: whatever the bomb and however small or large the decompression limit, the answer is the limit note
    // and what was allocated stays within a fixed multiple of the limit (plus the reader's own overhead).
    [Fact]
    public void AnyBomb_AnyLimit_NoteAndAllocationBoundedByTheLimit()
    {
        var kinds = Gen.OneOf<string>("docx-empty-paragraphs", "docx-endless-attribute", "docx-endless-comment", "pdf-endless-paths", "pdf-endless-font-file");
        Gen.Select(kinds, Gen.Int[1, 24], Gen.Int[256, 1024]).Sample(
            (kind, limitMb, inflatedMb) =>
            {
                var name = kind.StartsWith("pdf", StringComparison.Ordinal) ? "p.pdf" : "d.docx";
                var path = Bomb(name, s =>
                {
                    if (kind.StartsWith("pdf", StringComparison.Ordinal))
                    {
                        PdfShape(kind[4..], s, inflatedMb * Megabyte);
                    }
                    else
                    {
                        DocxShape(kind[5..], s, inflatedMb * Megabyte);
                    }
                });
                var limit = limitMb * Megabyte;

                var (result, allocated) = Extract(new ExtractionLimits { MaxDecompressedBytes = limit }, path, name);

                Assert.True(result.IsNote, result.Text);
                Assert.Contains(name, result.Text, StringComparison.Ordinal);
                Assert.True(allocated < (5 * limit) + (48 * Megabyte), $"{allocated / Megabyte} MB allocated");
            },
            iter: 12,
            threads: 1,
            print: t => $"{t.Item1}, limit {t.Item2} MB, inflating to {t.Item3} MB");
    }

    public void Dispose() => _folder.Dispose();

    private static void DocxShape(string shape, Stream output, long inflated)
    {
        switch (shape)
        {
            case "empty-paragraphs": DocxBombs.EmptyParagraphs(output, inflated); break;
            case "endless-attribute": DocxBombs.EndlessAttribute(output, inflated); break;
            case "endless-comment": DocxBombs.EndlessComment(output, inflated); break;
            case "deep-nesting": DocxBombs.DeepNesting(output, inflated); break;
            default: throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }
    }

    private static void PdfShape(string shape, Stream output, long inflated)
    {
        switch (shape)
        {
            case "endless-text": PdfBombs.EndlessText(output, inflated); break;
            case "endless-paths": PdfBombs.EndlessPaths(output, inflated); break;
            case "endless-font-file": PdfBombs.EndlessFontFile(output, inflated); break;
            default: throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }
    }

    private string Bomb(string name, Action<Stream> write)
    {
        var path = _folder.PathOf(Guid.NewGuid().ToString("N")[..8] + "-" + name);
        using (var file = File.Create(path))
        {
            write(file);
        }

        Assert.True(new FileInfo(path).Length < 20 * Megabyte, "a bomb must fit under the 20 MB attachment cap");
        return path;
    }

    // The readers run synchronously on this thread, so its allocation counter sees everything they allocate.
    private static (ExtractedAttachment Result, long Allocated) Extract(ExtractionLimits limits, string path, string name)
    {
        var extractor = new AttachmentTextExtractor(limits);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = extractor.ExtractAsync(Attachment(path, name), limits.MaxCharsPerFile, CancellationToken.None);
        Assert.True(task.IsCompleted, "PDF and DOCX extraction runs synchronously");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (task.Result, allocated);
    }

    private static InboundAttachment Attachment(string path, string name) =>
        new() { Kind = InboundContentKind.File, DownloadCode = "dc", FileName = name, LocalPath = path };
}
