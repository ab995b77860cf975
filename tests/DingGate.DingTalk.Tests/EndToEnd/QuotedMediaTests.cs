using System.Text.Json.Nodes;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.EndToEnd;

/// <summary>
/// A quote of a picture or file the bot received earlier (issue 15 item 6): the quote takes that message's media from the
/// account's recent inbound media, also when the quote carries no downloadCode, and without a second download call.
/// Through the real channel against the emulator.
/// </summary>
public sealed class QuotedMediaTests
{
    private const string DownloadPath = "/v1.0/robot/messageFiles/download";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [InlineData("originalMsgId", "text")]
    [InlineData("quoteMessage", "picture")]
    [InlineData("repliedMsg", "unknownMsgType")]
    [InlineData("repliedMsg-without-downloadCode", "picture")]
    public async Task QuoteWithoutDownloadCode_OfAPictureReceivedEarlier_CarriesThatPicture(string style, string quotedType)
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var pictureId = await SendPictureAsync(emu, channel, "dm", "user001");

        var quote = new JsonObject { ["msgType"] = quotedType, ["from"] = "user001", ["msgId"] = pictureId, ["style"] = style.Split('-')[0] };
        if (style.EndsWith("without-downloadCode", StringComparison.Ordinal))
        {
            quote["content"] = new JsonObject();
        }

        var injected = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new JsonObject { ["from"] = "user001", ["text"] = "这张图里是什么？", ["quote"] = quote });
        Assert.DoesNotContain("downloadCode", injected!["payload"]!.ToJsonString(), StringComparison.Ordinal);
        var message = await channel.Handler.WaitForAsync(m => m.MessageId == injected["msgId"]!.GetValue<string>());

        var picture = Assert.Single(message.Quote!.Attachments);
        Assert.Equal(InboundContentKind.Picture, picture.Kind);
        Assert.Equal(Png, await File.ReadAllBytesAsync(picture.LocalPath!));
        Assert.Equal(Path.Combine(DingGate.DingTalk.Inbound.MediaFolders.Message(Path.Combine(state.Path, "media"), "default", message.MessageId), "quote"), Path.GetDirectoryName(picture.LocalPath));
        Assert.Equal(InboundContentKind.Picture, message.Quote.Kind);
        Assert.False(string.IsNullOrWhiteSpace(message.Quote.Text));
        Assert.Single(emu.Calls(DownloadPath)); // the picture's own download only
    }

    [Fact]
    public async Task QuoteWithDownloadCode_OfAPictureReceivedEarlier_TakenFromRecentMediaWithoutASecondDownload()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var pictureId = await SendPictureAsync(emu, channel, "dm", "user001");

        var injected = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            from = "user001", text = "再看看这张", quote = new { msgType = "picture", from = "user001", msgId = pictureId },
        });
        Assert.Contains("downloadCode", injected!["payload"]!["text"]!["repliedMsg"]!.ToJsonString(), StringComparison.Ordinal);
        var message = await channel.Handler.WaitForAsync(m => m.MessageId == injected["msgId"]!.GetValue<string>());

        Assert.Equal(Png, await File.ReadAllBytesAsync(Assert.Single(message.Quote!.Attachments).LocalPath!));
        Assert.Single(emu.Calls(DownloadPath));
    }

    [Fact]
    public async Task QuoteWithoutDownloadCode_OfAPictureFromAnotherConversation_NotTaken()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var pictureId = await SendPictureAsync(emu, channel, DingTalkTestEmulator.GroupId, "user002");

        var injected = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            from = "user002", text = "这张图呢？", quote = new { msgType = "text", from = "user002", msgId = pictureId, style = "originalMsgId" },
        });
        var message = await channel.Handler.WaitForAsync(m => m.MessageId == injected!["msgId"]!.GetValue<string>());

        Assert.Equal(pictureId, message.Quote!.MessageId);
        Assert.Empty(message.Quote.Attachments);
    }

    [Fact]
    public async Task QuoteWithoutDownloadCode_AfterARestart_RecentMediaIsEmptySoTheQuoteKeepsItsTextOnly()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        string pictureId;
        await using (var first = await ChannelHarness.StartAsync(emu, state.Path))
        {
            pictureId = await SendPictureAsync(emu, first, "dm", "user001");
            // Answered before the restart, so the next start does not handle (and download) it again.
            await TestWait.UntilAsync(
                async () => await first.Get<IInboundJournal>().FindAsync("default", pictureId, CancellationToken.None) is { State: InboundState.Answered },
                "the picture message is answered");
        }

        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var injected = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            from = "user001", text = "这张图里是什么？", quote = new { msgType = "text", from = "user001", msgId = pictureId, style = "originalMsgId" },
        });
        var message = await channel.Handler.WaitForAsync(m => m.MessageId == injected!["msgId"]!.GetValue<string>());

        Assert.Empty(message.Quote!.Attachments);
        Assert.Equal(InboundContentKind.Unknown, message.Quote.Kind);
        Assert.Single(emu.Calls(DownloadPath));
    }

    // A picture with known bytes from `from` in `conversation`, handled by the channel; returns its msgId.
    private static async Task<string> SendPictureAsync(DingTalkTestEmulator emu, ChannelHarness channel, string conversation, string from)
    {
        var injected = await emu.ControlAsync(HttpMethod.Post, "/_emulator/messages", new
        {
            from, conversation, msgtype = "picture",
            file = new { name = "chart.png", contentType = "image/png", contentBase64 = Convert.ToBase64String(Png) },
        });
        var msgId = injected!["msgId"]!.GetValue<string>();
        var message = await channel.Handler.WaitForAsync(m => m.MessageId == msgId);
        Assert.Equal(Png, await File.ReadAllBytesAsync(Assert.Single(message.Attachments).LocalPath!));
        return msgId;
    }
}
