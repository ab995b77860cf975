using DingGate.DingTalk.Api;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DingGate.DingTalk.Tests.Api;

public sealed class MediaDownloaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dinggate-media-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task DownloadAsync_Picture_SavesBytesTypeAndName()
    {
        await using var emulator = await DingTalkTestEmulator.StartAsync();
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        var payload = await emulator.InjectMediaAsync("picture", "photo.png", "image/png", bytes);
        var downloader = Downloader(emulator);

        var result = await downloader.DownloadAsync(payload["content"]!["downloadCode"]!.GetValue<string>(), _directory, null, default);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(result.Path));
        Assert.Equal(5000, result.Size);
        Assert.Equal("image/png", result.ContentType);
        Assert.Equal(Path.Combine(_directory, result.FileName), result.Path);
        Assert.EndsWith(".png", result.FileName, StringComparison.Ordinal);
        Assert.Single(emulator.Calls("/_files/"), c => c.Status == 200);
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task DownloadAsync_FileWithHint_UsesMessageFileName()
    {
        await using var emulator = await DingTalkTestEmulator.StartAsync();
        var bytes = "%PDF-1.4 test"u8.ToArray();
        var payload = await emulator.InjectMediaAsync("file", "报价单.pdf", "application/pdf", bytes);
        var content = payload["content"]!;
        var downloader = Downloader(emulator);

        var first = await downloader.DownloadAsync(content["downloadCode"]!.GetValue<string>(), _directory, content["fileName"]!.GetValue<string>(), default);
        var second = await downloader.DownloadAsync(content["downloadCode"]!.GetValue<string>(), _directory, "../../报价单.pdf", default);

        Assert.Equal("报价单.pdf", first.FileName);
        Assert.Equal("application/pdf", first.ContentType);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(first.Path));
        Assert.Equal("报价单 (1).pdf", second.FileName);
        Assert.Equal(_directory, Path.GetDirectoryName(second.Path));
    }

    [Fact]
    public async Task DownloadAsync_LargerThanCap_ThrowsAndLeavesNoFile()
    {
        await using var emulator = await DingTalkTestEmulator.StartAsync();
        var payload = await emulator.InjectMediaAsync("file", "big.bin", "application/octet-stream", new byte[4096]);
        var downloader = Downloader(emulator, emulator.Account(maxMediaBytes: 1000));

        var ex = await Assert.ThrowsAsync<MediaTooLargeException>(
            () => downloader.DownloadAsync(payload["content"]!["downloadCode"]!.GetValue<string>(), _directory, "big.bin", default));

        Assert.Equal(1000, ex.Limit);
        Assert.Contains("4096", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory) && Directory.GetFiles(_directory).Length > 0);
    }

    [Theory]
    [InlineData("127.0.0.2", null)]
    [InlineData(null, "http://169.254.169.254/")]
    public async Task DownloadAsync_UrlOnForeignHost_RefusedWithoutFetching(string? publicHost, string? publicBaseUrl)
    {
        await using var emulator = await DingTalkTestEmulator.StartAsync(o =>
        {
            o.PublicHost = publicHost;
            o.PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl);
        });
        var payload = await emulator.InjectMediaAsync("picture", "p.png", "image/png", [1, 2, 3]);
        var downloader = Downloader(emulator);

        var ex = await Assert.ThrowsAsync<DingTalkUrlRejectedException>(
            () => downloader.DownloadAsync(payload["content"]!["downloadCode"]!.GetValue<string>(), _directory, null, default));

        var answer = Assert.Single(emulator.Calls("/v1.0/robot/messageFiles/download"));
        Assert.Contains(publicHost ?? "169.254.169.254", answer.ResponseBody, StringComparison.Ordinal);
        Assert.Contains(publicHost ?? "169.254.169.254", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Calls("/_files/"));
        Assert.False(Directory.Exists(_directory) && Directory.GetFiles(_directory).Length > 0);
    }

    private static MediaDownloader Downloader(DingTalkTestEmulator emulator, Core.Configuration.DingTalkAccount? account = null) =>
        new(emulator.CreateClient(account), NullLogger<MediaDownloader>.Instance);
}
