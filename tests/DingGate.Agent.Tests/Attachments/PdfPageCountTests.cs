using System.Text;
using DingGate.Agent.Attachments;

namespace DingGate.Agent.Tests.Attachments;

public sealed class PdfPageCountTests
{
    [Theory]
    [InlineData("<</Type/Page/Parent 2 0 R>>", 1)]
    [InlineData("<< /Type /Page >> << /Type\n/Page/Contents 3 0 R>>", 2)]
    [InlineData("<</Type/Pages/Kids[]>> <</Type/PageLabel>>", 0)]
    [InlineData("<</Type/Page>>", 1)]
    public void Count_PageObjectsOnly(string pdf, int expected) =>
        Assert.Equal(expected, PdfPageCount.Count(Encoding.ASCII.GetBytes(pdf)));

    [Fact]
    public void Count_Stream_MarkersAcrossChunkBoundariesCountedOnce()
    {
        // Markers at every alignment around the 1 MB chunk edge.
        var text = new StringBuilder();
        var marker = "<</Type /Page>>";
        while (text.Length < (3 * 1024 * 1024) + 100)
        {
            text.Append(marker).Append(' ', text.Length % 7);
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        using var stream = new MemoryStream(bytes);

        Assert.Equal(PdfPageCount.Count(bytes), PdfPageCount.Count(stream, CancellationToken.None));
        Assert.True(PdfPageCount.Count(bytes) > 100_000);
    }
}
