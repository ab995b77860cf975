using System.Text;
using DingGate.Agent.Attachments;
using DingGate.Agent.Tests.Support;
using DingGate.Core.Inbound;

namespace DingGate.Agent.Tests.Attachments;

public sealed class AttachmentTextExtractorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task ExtractAsync_Pdf_TextOfEachPage()
    {
        var path = _folder.Write("report.pdf", Fixtures.Pdf("Quarterly revenue grew", "Second page text"));

        var result = await Extract(path, "report.pdf", "application/pdf");

        Assert.False(result.IsNote);
        Assert.Equal("pdf", result.FileType);
        Assert.Contains("page 1", result.Text, StringComparison.Ordinal);
        Assert.Contains("Quarterly revenue grew", result.Text, StringComparison.Ordinal);
        Assert.Contains("page 2", result.Text, StringComparison.Ordinal);
        Assert.True(result.Text.IndexOf("Quarterly", StringComparison.Ordinal) < result.Text.IndexOf("Second page text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtractAsync_Docx_Paragraphs()
    {
        var path = _folder.PathOf("plan.docx");
        Fixtures.Docx(path, "项目计划", "Step one", "Step two");

        var result = await Extract(path, "plan.docx", null);

        Assert.False(result.IsNote);
        Assert.Equal("项目计划\nStep one\nStep two", result.Text);
    }

    [Fact]
    public async Task ExtractAsync_Utf8WithBom_BomRemoved()
    {
        var path = _folder.Write("a.md", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("# 标题\nbody")]);

        var result = await Extract(path, "a.md", null);

        Assert.Equal("# 标题\nbody", result.Text);
    }

    [Fact]
    public async Task ExtractAsync_Utf16WithBom_Decoded()
    {
        var path = _folder.Write("data.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("名字,年龄\n张三,30")]);

        var result = await Extract(path, "data.csv", "text/csv");

        Assert.Equal("名字,年龄\n张三,30", result.Text);
    }

    [Fact]
    public async Task ExtractAsync_LongerThanCap_TruncatedWithMarker()
    {
        var path = _folder.Write("big.log", Encoding.UTF8.GetBytes(new string('x', 500)));
        var extractor = new AttachmentTextExtractor(new ExtractionLimits { MaxCharsPerFile = 100 });

        var result = await extractor.ExtractAsync(Attachment(path, "big.log", null), 100, CancellationToken.None);

        Assert.True(result.Truncated);
        Assert.Equal(new string('x', 100) + AttachmentTextExtractor.TruncatedMarker, result.Text);
    }

    [Fact]
    public async Task ExtractAllAsync_TotalCap_SharedBetweenFiles()
    {
        var a = _folder.Write("a.txt", Encoding.UTF8.GetBytes(new string('a', 80)));
        var b = _folder.Write("b.txt", Encoding.UTF8.GetBytes(new string('b', 80)));
        var c = _folder.Write("c.txt", Encoding.UTF8.GetBytes("c"));
        var extractor = new AttachmentTextExtractor(new ExtractionLimits { MaxCharsPerFile = 100, MaxTotalChars = 120 });

        var results = await extractor.ExtractAllAsync([Attachment(a, "a.txt", null), Attachment(b, "b.txt", null), Attachment(c, "c.txt", null)], CancellationToken.None);

        Assert.Equal(new string('a', 80), results[0].Text);
        Assert.Equal(new string('b', 40) + AttachmentTextExtractor.TruncatedMarker, results[1].Text);
        Assert.True(results[2].IsNote);
        Assert.Contains("c.txt", results[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_CorruptPdf_NoteInsteadOfThrowing()
    {
        var path = _folder.Write("broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not really a pdf"));

        var result = await Extract(path, "broken.pdf", "application/pdf");

        Assert.True(result.IsNote);
        Assert.Contains("broken.pdf", result.Text, StringComparison.Ordinal);
        Assert.Contains("corrupt or unreadable", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_CorruptDocx_NoteInsteadOfThrowing()
    {
        var path = _folder.Write("broken.docx", Encoding.ASCII.GetBytes("PK not a zip"));

        var result = await Extract(path, "broken.docx", null);

        Assert.True(result.IsNote);
        Assert.Contains("broken.docx", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_UnsupportedType_NoteNamesFileAndType()
    {
        var path = _folder.Write("song.mp3", [1, 2, 3]);

        var result = await Extract(path, "song.mp3", "audio/mpeg");

        Assert.True(result.IsNote);
        Assert.Contains("song.mp3", result.Text, StringComparison.Ordinal);
        Assert.Contains("audio/mpeg", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_TooLarge_NotRead()
    {
        var path = _folder.Write("big.txt", new byte[2048]);
        var extractor = new AttachmentTextExtractor(new ExtractionLimits { MaxFileBytes = 1024 });

        var result = await extractor.ExtractAsync(Attachment(path, "big.txt", null), 100, CancellationToken.None);

        Assert.True(result.IsNote);
        Assert.Contains("too large", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_NotDownloaded_Note()
    {
        var result = await Extract(null, "x.pdf", null);

        Assert.True(result.IsNote);
        Assert.Contains("not downloaded", result.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static Task<ExtractedAttachment> Extract(string? path, string name, string? contentType) =>
        new AttachmentTextExtractor(new ExtractionLimits()).ExtractAsync(Attachment(path, name, contentType), 20_000, CancellationToken.None);

    private static InboundAttachment Attachment(string? path, string name, string? contentType) =>
        new() { Kind = InboundContentKind.File, DownloadCode = "dc", FileName = name, ContentType = contentType, LocalPath = path };
}
