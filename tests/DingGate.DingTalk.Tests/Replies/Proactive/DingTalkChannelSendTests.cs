using DingGate.Core.Replies;
using DingGate.DingTalk.Tests.Replies.Media;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Replies.Proactive;

/// <summary>The channel as Core's <see cref="IMessageSender"/>, composed by DI as the gateway does.</summary>
public sealed class DingTalkChannelSendTests
{
    [Fact]
    public async Task SendAsync_ThroughChannelAsMessageSender_TextAndImageDeliveredToTheUsersChat()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        using var files = new TempDirectory();
        var (image, bytes) = MediaKit.WriteFile(files, "photo.jpg");
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);
        var sender = channel.Get<IMessageSender>();
        Assert.Same(channel.Channel, sender);

        var receipt = await sender.SendAsync(
            "default", MessageTarget.Parse("user:user003"), new OutboundMessage { Text = "早上好", Files = [OutboundFile.FromPath(image)] }, CancellationToken.None);

        var kit = new MediaKit(emu);
        var sends = kit.RobotSends();
        Assert.Equal(["sampleText", "sampleImageMsg"], sends.Select(s => s.MsgKey));
        Assert.All(sends, s => Assert.Equal("user003", s.Body["userIds"]![0]!.GetValue<string>()));
        Assert.Equal(bytes, (await kit.UploadedAsync(sends[1].Param["photoURL"]!.GetValue<string>())).Bytes);
        Assert.Equal(2, receipt.MessageKeys.Count);
        Assert.Equal(1, receipt.ApiCalls["media_upload"]);
    }

    [Fact]
    public async Task SendAsync_UnknownAccount_ArgumentExceptionListingKnownAccounts()
    {
        await using var emu = await DingTalkTestEmulator.StartAsync();
        using var state = new TempDirectory();
        await using var channel = await ChannelHarness.StartAsync(emu, state.Path);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => channel.Channel.SendAsync(
            "nosuchaccount", MessageTarget.Parse("user:user001"), new OutboundMessage { Text = "hi" }, CancellationToken.None));

        Assert.Contains("nosuchaccount", ex.Message, StringComparison.Ordinal);
        Assert.Contains("default", ex.Message, StringComparison.Ordinal);
        Assert.Empty(emu.Calls("/v1.0/robot/"));
    }
}
