using DingGate.DingTalk.Api;

namespace DingGate.DingTalk.Tests.Api;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd", null, "passwd")]
    [InlineData("..\\..\\windows\\win.ini", null, "win.ini")]
    [InlineData("..", null, "media")]
    [InlineData("", null, "media")]
    [InlineData(".hidden", null, "hidden")]
    [InlineData("a\u0000b:c?.txt", null, "a_b_c_.txt")]
    [InlineData("photo.file", "image/jpeg", "photo.jpg")]
    [InlineData("noext", "application/pdf", "noext.pdf")]
    [InlineData("报价单.pdf", "application/pdf", "报价单.pdf")]
    public void Choose_Candidate_SafeName(string candidate, string? contentType, string expected)
    {
        Assert.Equal(expected, SafeFileName.Choose(contentType, candidate));
    }

    [Fact]
    public void Choose_FirstCandidateUnusable_FallsBackToNext()
    {
        Assert.Equal("server.png", SafeFileName.Choose("image/png", "/", "server.png"));
    }

    [Fact]
    public void Clean_VeryLongName_KeepsExtensionWithinLimit()
    {
        var name = SafeFileName.Clean(new string('x', 500) + ".pdf");

        Assert.Equal(120, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }
}
