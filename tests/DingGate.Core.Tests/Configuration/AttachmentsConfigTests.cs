namespace DingGate.Core.Tests.Configuration;

// attachments (issue 13): the limits on reading attached files; unset keys keep the defaults.
public sealed class AttachmentsConfigTests : IDisposable
{
    private readonly ConfigFiles _files = new();

    [Fact]
    public void Load_EveryKey_Bound()
    {
        var loaded = _files.Load("""
            { attachments: { maxFileBytes: 1048576, maxCharsPerFile: 5000, maxTotalChars: 9000, maxDecompressedBytes: 8388608,
                             maxParts: 200, maxPages: 40, timeoutMs: 5000 } }
            """);

        var a = loaded.Config.Attachments;
        Assert.Equal(1_048_576, a.MaxFileBytes);
        Assert.Equal(5_000, a.MaxCharsPerFile);
        Assert.Equal(9_000, a.MaxTotalChars);
        Assert.Equal(8_388_608, a.MaxDecompressedBytes);
        Assert.Equal(200, a.MaxParts);
        Assert.Equal(40, a.MaxPages);
        Assert.Equal(5_000, a.TimeoutMs);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Load_Absent_AllUnset()
    {
        var a = _files.Load("{ }").Config.Attachments;

        Assert.Null(a.MaxDecompressedBytes);
        Assert.Null(a.TimeoutMs);
    }

    [Fact]
    public void Load_UnknownKey_WarningWithHint()
    {
        var loaded = _files.Load("{ attachments: { maxpages: 3 } }");

        var warning = Assert.Single(loaded.Warnings);
        Assert.Equal("attachments.maxpages", warning.Path);
    }

    [Fact]
    public void Load_WrongType_ErrorNamesThePath()
    {
        var error = _files.LoadFails("""{ attachments: { maxPages: "many" } }""");

        Assert.Equal("attachments.maxPages", Assert.Single(error.Errors).Path);
    }

    public void Dispose() => _files.Dispose();
}
