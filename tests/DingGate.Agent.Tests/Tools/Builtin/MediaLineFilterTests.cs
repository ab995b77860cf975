using DingGate.Agent.Tools.Builtin;

namespace DingGate.Agent.Tests.Tools.Builtin;

public sealed class MediaLineFilterTests
{
    [Fact]
    public void Push_MarkerSplitAcrossDeltas_LineRemovedAndReferenceReturned()
    {
        var (visible, media) = Run("Here is the chart:\nME", "DIA: charts/sa", "les.png\nAnything else?");

        Assert.Equal("Here is the chart:\nAnything else?", visible);
        Assert.Equal(["charts/sales.png"], media);
    }

    [Fact]
    public void Push_OrdinaryText_PassesAtOnceExceptAPossibleMarkerStart()
    {
        var filter = new MediaLineFilter();

        Assert.Equal("Hello wor", filter.Push("Hello wor").Visible);
        Assert.Equal("ld\n", filter.Push("ld\n").Visible);
        Assert.Equal(string.Empty, filter.Push("  ME").Visible);
        Assert.Equal("  MEMO: x", filter.Push("MO: x").Visible);
        Assert.Equal(" MEDIA: y\n", filter.Push(" MEDIA: y\n").Visible);
    }

    [Fact]
    public void Flush_LastLineWithoutNewline_IsAReference()
    {
        var (visible, media) = Run("Done.\n", "MEDIA: https://example.com/a.png");

        Assert.Equal("Done.\n", visible);
        Assert.Equal(["https://example.com/a.png"], media);
    }

    [Fact]
    public void Push_InsideCodeFence_StaysText()
    {
        var (visible, media) = Run("```\nMEDIA: x.png\n```\n", "MEDIA: `y.png`\n");

        Assert.Equal("```\nMEDIA: x.png\n```\n", visible);
        Assert.Equal(["y.png"], media);
    }

    [Theory]
    [InlineData("MEDIA: ./out/chart.png", "./out/chart.png")]
    [InlineData("  MEDIA:<https://a.example/x.pdf>", "https://a.example/x.pdf")]
    [InlineData("MEDIA: \"My Report.pdf\"", "My Report.pdf")]
    [InlineData("MEDIA:", null)]
    [InlineData("media: x.png", null)]
    [InlineData("See MEDIA: x.png", null)]
    public void Reference_Forms(string line, string? expected) => Assert.Equal(expected, MediaLineFilter.Reference(line));

    private static (string Visible, List<string> Media) Run(params string[] deltas)
    {
        var filter = new MediaLineFilter();
        var visible = string.Empty;
        var media = new List<string>();
        foreach (var delta in deltas)
        {
            var (v, m) = filter.Push(delta);
            visible += v;
            media.AddRange(m);
        }

        var (fv, fm) = filter.Flush();
        media.AddRange(fm);
        return (visible + fv, media);
    }
}
