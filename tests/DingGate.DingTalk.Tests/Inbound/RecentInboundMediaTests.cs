using DingGate.Core.Inbound;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.DingTalk.Tests.Inbound;

public sealed class RecentInboundMediaTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_RememberedInTheSameConversation_ReturnsTheDownloadedFilesOnly()
    {
        using var dir = new TempDirectory();
        var media = new RecentInboundMedia(new FakeTimeProvider(Now));
        var picture = Picture(dir, "a.png");
        var notDownloaded = new InboundAttachment { Kind = InboundContentKind.File, DownloadCode = "dl2" };

        media.Remember("msg1", "cid1", [picture, notDownloaded]);

        Assert.Equal([picture], media.Find("msg1", "cid1"));
        Assert.Null(media.Find("msg1", "cid2"));
        Assert.Null(media.Find("msg2", "cid1"));
    }

    [Fact]
    public void Remember_NothingDownloaded_NotRemembered()
    {
        var media = new RecentInboundMedia(new FakeTimeProvider(Now));

        media.Remember("msg1", "cid1", [new InboundAttachment { Kind = InboundContentKind.Picture, DownloadCode = "dl" }]);

        Assert.Equal(0, media.Count);
        Assert.Null(media.Find("msg1", "cid1"));
    }

    [Fact]
    public void Remember_BeyondTheCount_OldestForgotten()
    {
        using var dir = new TempDirectory();
        var media = new RecentInboundMedia(new FakeTimeProvider(Now), maxMessages: 3);

        for (var i = 1; i <= 5; i++)
        {
            media.Remember("msg" + i, "cid1", [Picture(dir, $"p{i}.png")]);
        }

        Assert.Equal(3, media.Count);
        Assert.Null(media.Find("msg1", "cid1"));
        Assert.Null(media.Find("msg2", "cid1"));
        Assert.All(new[] { "msg3", "msg4", "msg5" }, id => Assert.NotNull(media.Find(id, "cid1")));
    }

    [Fact]
    public void Find_OlderThanTheAge_Forgotten()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(Now);
        var media = new RecentInboundMedia(time, maxAge: TimeSpan.FromHours(1));
        media.Remember("old", "cid1", [Picture(dir, "old.png")]);
        time.Advance(TimeSpan.FromMinutes(40));
        media.Remember("newer", "cid1", [Picture(dir, "newer.png")]);

        time.Advance(TimeSpan.FromMinutes(21));

        Assert.Null(media.Find("old", "cid1"));
        Assert.NotNull(media.Find("newer", "cid1"));
        Assert.Equal(1, media.Count);
    }

    [Fact]
    public void Find_FileDeletedMeanwhile_NotFound()
    {
        using var dir = new TempDirectory();
        var media = new RecentInboundMedia(new FakeTimeProvider(Now));
        var picture = Picture(dir, "gone.png");
        media.Remember("msg1", "cid1", [picture]);

        File.Delete(picture.LocalPath!);

        Assert.Null(media.Find("msg1", "cid1"));
    }

    private static InboundAttachment Picture(TempDirectory dir, string name)
    {
        Directory.CreateDirectory(dir.Path);
        var path = Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47]);
        return new InboundAttachment { Kind = InboundContentKind.Picture, DownloadCode = "dl-" + name, LocalPath = path, ContentType = "image/png", Size = 4 };
    }
}
