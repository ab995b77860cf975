using System.Text.Json.Nodes;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Inbound;
using DingGate.DingTalk.Tests.Support;
using static DingGate.DingTalk.Tests.Inbound.ParserAssertions;

namespace DingGate.DingTalk.Tests.Inbound;

/// <summary>Every msgtype, DM and group, as built by the real emulator's payload factory.</summary>
public sealed class InboundMessageParserEmulatorTests : IAsyncLifetime
{
    private DingTalkTestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DingTalkTestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Parse_DirectText_MapsCommonFields()
    {
        var (payload, answer) = await _emulator.PayloadAsync(new { from = "user001", conversation = "dm", msgtype = "text", text = "你好" });
        var p = JsonNode.Parse(payload)!;

        var m = ParseOk(payload, DingTalkTestEmulator.BotName);

        Assert.Equal(AccountId, m.AccountId);
        Assert.Equal(Str(answer, "msgId"), m.MessageId);
        Assert.Equal(Str(answer, "conversationId"), m.ConversationId);
        Assert.Equal(ConversationKind.Direct, m.Conversation);
        Assert.Null(m.ConversationTitle);
        Assert.Equal(InboundContentKind.Text, m.Kind);
        Assert.Equal("你好", m.Text);
        Assert.Equal(new InboundSender(Str(p, "senderId"), "user001", "张三", Str(p, "senderCorpId"), true), m.Sender);
        Assert.Equal(DingTalkTestEmulator.Start, m.CreatedAt);
        Assert.Equal(new Uri(Str(answer, "sessionWebhook")), m.ReplyWebhook);
        Assert.Equal(DingTalkTestEmulator.Start.AddMinutes(90), m.ReplyWebhookExpiresAt);
        Assert.False(m.MentionsBot);
        Assert.Empty(m.MentionedStaffIds);
        Assert.Empty(m.Attachments);
        Assert.Null(m.Quote);
        Assert.Null(m.PlatformError);
    }

    [Fact]
    public async Task Parse_GroupTextWithMentions_TrimsTextAndReadsMentions()
    {
        var (payload, _) = await _emulator.PayloadAsync(new
        {
            from = "user002", conversation = DingTalkTestEmulator.GroupId, text = "总结一下", atBot = true, atUsers = new[] { "user003" },
        });
        Assert.StartsWith(" ", Str(JsonNode.Parse(payload), "text.content"), StringComparison.Ordinal);

        var m = ParseOk(payload, DingTalkTestEmulator.BotName);

        Assert.Equal(ConversationKind.Group, m.Conversation);
        Assert.Equal(DingTalkTestEmulator.GroupId, m.ConversationId);
        Assert.Equal("测试群", m.ConversationTitle);
        Assert.Equal("总结一下", m.Text);
        Assert.True(m.MentionsBot);
        Assert.Equal(["user003"], m.MentionedStaffIds);
        Assert.Equal("user002", m.Sender.StaffId);
        Assert.False(m.Sender.IsAdmin);
    }

    [Fact]
    public async Task Parse_ExternalUser_HasNoStaffIdAndKeepsSenderId()
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "ext001", text = "hello" });
        var p = JsonNode.Parse(payload)!;
        Assert.Null(p["senderStaffId"]);

        var m = ParseOk(payload);

        Assert.Null(m.Sender.StaffId);
        Assert.Equal(Str(p, "senderId"), m.Sender.Id);
        Assert.Equal("External Partner", m.Sender.Nick);
    }

    [Theory]
    [InlineData("dm")]
    [InlineData(DingTalkTestEmulator.GroupId)]
    public async Task Parse_RichText_ConcatenatesTextMentionsAndPictures(string conversation)
    {
        var richText = new object[]
        {
            new { text = "截图如下：" }, new { type = "picture" }, new { type = "at", atUserId = "user003" }, new { text = " 请看" },
        };
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", conversation, msgtype = "richText", richText, atBot = true });
        var code = Str(JsonNode.Parse(payload)!["content"]!["richText"]![1], "downloadCode");

        var m = ParseOk(payload, DingTalkTestEmulator.BotName);

        Assert.Equal(InboundContentKind.RichText, m.Kind);
        Assert.Equal("截图如下：[image]@王五 请看", m.Text);
        var attachment = Assert.Single(m.Attachments);
        Assert.Equal(new InboundAttachment { Kind = InboundContentKind.Picture, DownloadCode = code }, attachment);
        Assert.Equal(["user003"], m.MentionedStaffIds);
    }

    [Theory]
    [InlineData("dm")]
    [InlineData(DingTalkTestEmulator.GroupId)]
    public async Task Parse_Picture_IsAttachmentWithImageMarker(string conversation)
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", conversation, msgtype = "picture", atBot = true });

        var m = ParseOk(payload);

        Assert.Equal(InboundContentKind.Picture, m.Kind);
        Assert.Equal("[image]", m.Text);
        var attachment = Assert.Single(m.Attachments);
        Assert.Equal(InboundContentKind.Picture, attachment.Kind);
        Assert.Equal(Str(JsonNode.Parse(payload), "content.downloadCode"), attachment.DownloadCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Parse_Audio_UsesRecognitionAndDuration(bool durationAsString)
    {
        var (payload, _) = await _emulator.PayloadAsync(new
        {
            from = "user001", msgtype = "audio", recognition = "明天下午三点开会", duration = 4200, durationAsString,
        });
        Assert.Equal(durationAsString, JsonNode.Parse(payload)!["content"]!["duration"]!.GetValueKind() == System.Text.Json.JsonValueKind.String);

        var m = ParseOk(payload);

        Assert.Equal(InboundContentKind.Audio, m.Kind);
        Assert.Equal("明天下午三点开会", m.Text);
        var attachment = Assert.Single(m.Attachments);
        Assert.Equal(InboundContentKind.Audio, attachment.Kind);
        Assert.Equal(4200, attachment.DurationMs);
        Assert.Equal(Str(JsonNode.Parse(payload), "content.downloadCode"), attachment.DownloadCode);
    }

    [Fact]
    public async Task Parse_Video_IsAttachmentWithDuration()
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", msgtype = "video", duration = 5000, durationAsString = true });

        var m = ParseOk(payload);

        Assert.Equal(InboundContentKind.Video, m.Kind);
        Assert.Equal("[video]", m.Text);
        var attachment = Assert.Single(m.Attachments);
        Assert.Equal((InboundContentKind.Video, 5000L), (attachment.Kind, attachment.DurationMs!.Value));
    }

    [Fact]
    public async Task Parse_File_KeepsFileName()
    {
        var file = new { name = "报价单.pdf", contentType = "application/pdf", contentBase64 = Convert.ToBase64String("%PDF-1.4"u8.ToArray()) };
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", msgtype = "file", file });

        var m = ParseOk(payload);

        Assert.Equal(InboundContentKind.File, m.Kind);
        Assert.Equal("[file: 报价单.pdf]", m.Text);
        var attachment = Assert.Single(m.Attachments);
        Assert.Equal("报价单.pdf", attachment.FileName);
        Assert.Equal(Str(JsonNode.Parse(payload), "content.downloadCode"), attachment.DownloadCode);
    }

    [Fact]
    public async Task Parse_Markdown_UsesContentText()
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", msgtype = "markdown", text = "**重点**\n- 第一项" });

        var m = ParseOk(payload);

        Assert.Equal((InboundContentKind.Markdown, "**重点**\n- 第一项"), (m.Kind, m.Text));
    }

    [Fact]
    public async Task Parse_InteractiveCard_ShowsCardMarkerAndUrl()
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", msgtype = "interactiveCard" });

        var m = ParseOk(payload);

        Assert.Equal(InboundContentKind.InteractiveCard, m.Kind);
        Assert.Equal("[card] " + Str(JsonNode.Parse(payload), "content.biz_custom_action_url"), m.Text);
    }

    [Fact]
    public async Task Parse_ChatRecord_RendersTitleAndRecordLines()
    {
        var records = new[] { new { from = "user002", text = "明天的会改到下午" }, new { from = "user003", text = "收到" } };
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", msgtype = "chatRecord", records, text = "群聊的聊天记录" });

        var m = ParseOk(payload);

        Assert.Equal(InboundContentKind.ChatRecord, m.Kind);
        Assert.Equal("[chat record: 群聊的聊天记录]\n李四: 明天的会改到下午\n王五: 收到", m.Text);
    }

    [Theory]
    [InlineData("dm")]
    [InlineData(DingTalkTestEmulator.GroupId)]
    public async Task Parse_UnknownMsgType_KeptWithPlaceholder(string conversation)
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", conversation, msgtype = "unknownMsgType", atBot = true });

        var m = ParseOk(payload);

        Assert.Equal(InboundContentKind.Unknown, m.Kind);
        Assert.Equal("[unsupported message] 用户发送了一条消息，机器人暂不支持接收。", m.Text);
    }

    [Fact]
    public async Task Parse_QuotaExhausted_SetsPlatformErrorAndPlaceholder()
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", text = "hi", quotaExhausted = true });

        var m = ParseOk(payload);

        Assert.Equal(InboundContentKind.Unknown, m.Kind);
        Assert.Equal(InboundPlaceholders.QuotaExhausted, m.Text);
        Assert.StartsWith("20001: 受调用量超量影响", m.PlatformError, StringComparison.Ordinal);
    }
}
