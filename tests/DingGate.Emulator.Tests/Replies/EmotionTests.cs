using DingGate.Emulator.Conversations;
using DingGate.Emulator.Messages;
using DingGate.Emulator.Tests.Messages;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Replies;

public sealed class EmotionTests
{
    [Fact]
    public async Task EmotionReplyAndRecall_AreRecordedOnTheUsersMessage()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = await emu.GetTokenAsync();
        var message = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", Text = "问题" });
        var body = new
        {
            robotCode = TestEmulator.ClientId, openMsgId = message.MsgId, openConversationId = message.ConversationId, emotionType = 2, emotionName = "思考中",
            textEmotion = new { emotionId = "2659900", emotionName = "思考中", text = "思考中", backgroundId = "im_bg_1" },
        };

        var (status, reply) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/emotion/reply", body, token);
        var (recallStatus, _) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/emotion/recall", body, token);

        Assert.Equal(200, status);
        Assert.True(reply!["success"]!.GetValue<bool>());
        Assert.Equal(200, recallStatus);
        var emotions = emu.Get<ConversationLog>().For(message.ConversationId).Where(e => e.Kind == "emotion").ToList();
        Assert.Equal(["emotion/reply", "emotion/recall"], emotions.Select(e => e.Via));
        Assert.All(emotions, e => Assert.Equal(message.MsgId, e.MessageKey));
        Assert.Equal("思考中", emotions[0].Content["emotionName"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmotionReply_WithoutToken_ReturnsInvalidAuthentication()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/v1.0/robot/emotion/reply", new { openMsgId = "msgX==" });

        RobotSendTests.AssertError(status, body, "InvalidAuthentication");
    }
}
