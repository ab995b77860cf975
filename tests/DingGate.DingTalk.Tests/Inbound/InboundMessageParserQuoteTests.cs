using System.Text.Json.Nodes;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Tests.Support;
using static DingGate.DingTalk.Tests.Inbound.ParserAssertions;

namespace DingGate.DingTalk.Tests.Inbound;

/// <summary>Quoted ("引用") messages of every msgType and style (spec §2.4), as built by the real emulator.</summary>
public sealed class InboundMessageParserQuoteTests : IAsyncLifetime
{
    private DingTalkTestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DingTalkTestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [InlineData("text", InboundContentKind.Text, "被引用的话", 0)]
    [InlineData("picture", InboundContentKind.Picture, "[image]", 1)]
    [InlineData("richText", InboundContentKind.RichText, "被引用的话[image]", 1)]
    [InlineData("file", InboundContentKind.File, "[file: report.pdf]", 1)]
    [InlineData("audio", InboundContentKind.Audio, "[voice message]", 1)]
    [InlineData("video", InboundContentKind.Video, "[video]", 1)]
    [InlineData("chatRecord", InboundContentKind.ChatRecord, "[chat record: 聊天记录]\n张三: 被引用的话", 0)]
    [InlineData("unknownMsgType", InboundContentKind.Unknown, "[unsupported message]", 0)]
    public async Task Parse_RepliedMsgFromUser_MapsQuotedBody(string msgType, InboundContentKind kind, string text, int attachments)
    {
        var quote = msgType == "file"
            ? (object)new { msgType, from = "user002", msgId = "msgQUOTED01==", text = "被引用的话", content = new { fileName = "report.pdf", downloadCode = "dlQ01", spaceId = "1", fileId = "2" } }
            : new { msgType, from = "user002", msgId = "msgQUOTED01==", text = "被引用的话" };
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", text = "这是什么？", quote });
        var replied = JsonNode.Parse(payload)!["text"]!["repliedMsg"]!;

        var m = ParseOk(payload);

        Assert.Equal("这是什么？", m.Text);
        var q = Assert.IsType<InboundQuote>(m.Quote);
        Assert.Equal("msgQUOTED01==", q.MessageId);
        Assert.Equal(Str(replied, "senderId"), q.SenderId);
        Assert.False(q.FromBot);
        Assert.Null(q.BotMessageKey);
        Assert.Equal(kind, q.Kind);
        Assert.Equal(text, q.Text);
        Assert.Equal(attachments, q.Attachments.Count);
        if (attachments == 1)
        {
            var code = replied["content"]!["downloadCode"]?.GetValue<string>() ?? Str(replied["content"]!["richText"]![1], "downloadCode");
            Assert.Equal(code, q.Attachments[0].DownloadCode);
            Assert.Equal(kind == InboundContentKind.RichText ? InboundContentKind.Picture : kind, q.Attachments[0].Kind);
        }
    }

    [Fact]
    public async Task Parse_RepliedAudioWithStringDuration_ReadsDuration()
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", text = "听一下", quote = new { msgType = "audio", from = "user002" } });
        Assert.Equal("2000", Str(JsonNode.Parse(payload), "text.repliedMsg.content.duration"));

        var m = ParseOk(payload);

        Assert.Equal(2000, Assert.Single(m.Quote!.Attachments).DurationMs);
    }

    [Fact]
    public async Task Parse_RepliedBotCard_IsFromBotWithProcessQueryKey()
    {
        var (payload, _) = await _emulator.PayloadAsync(new
        {
            from = "user001", text = "继续", quote = new { msgType = "interactiveCard", from = "bot", text = "上次的回答", processQueryKey = "pqkEXAMPLE01=" },
        });
        var p = JsonNode.Parse(payload)!;

        var m = ParseOk(payload);

        var q = m.Quote!;
        Assert.True(q.FromBot);
        Assert.Equal(Str(p, "chatbotUserId"), q.SenderId);
        Assert.Equal("pqkEXAMPLE01=", q.BotMessageKey);
        Assert.Equal(InboundContentKind.InteractiveCard, q.Kind);
        Assert.Equal("[card] 上次的回答", q.Text);
    }

    [Fact]
    public async Task Parse_RepliedBotText_IsFromBotWithoutKey()
    {
        var (payload, _) = await _emulator.PayloadAsync(new { from = "user001", text = "再说一遍", quote = new { msgType = "text", from = "bot", text = "你好！" } });

        var q = ParseOk(payload).Quote!;

        Assert.True(q.FromBot);
        Assert.Null(q.BotMessageKey);
        Assert.Equal("你好！", q.Text);
    }

    [Fact]
    public async Task Parse_OriginalMsgIdOnly_QuoteHasMessageIdOnly()
    {
        var (payload, _) = await _emulator.PayloadAsync(new
        {
            from = "user001", text = "这个呢", quote = new { msgType = "text", from = "user002", msgId = "msgORIG01==", style = "originalMsgId" },
        });
        Assert.Null(JsonNode.Parse(payload)!["text"]!["repliedMsg"]);

        var q = ParseOk(payload).Quote!;

        Assert.Equal("msgORIG01==", q.MessageId);
        Assert.Equal(InboundContentKind.Unknown, q.Kind);
        Assert.Equal(string.Empty, q.Text);
        Assert.Null(q.SenderId);
    }

    [Fact]
    public async Task Parse_LegacyQuoteMessage_MapsTextAndSender()
    {
        var (payload, _) = await _emulator.PayloadAsync(new
        {
            from = "user001", conversation = DingTalkTestEmulator.GroupId, atBot = true, text = "同意",
            quote = new { msgType = "text", from = "user003", msgId = "msgLEGACY01==", text = "今晚聚餐", style = "quoteMessage" },
        });
        var legacy = JsonNode.Parse(payload)!["quoteMessage"]!;

        var m = ParseOk(payload, DingTalkTestEmulator.BotName);

        Assert.Equal("同意", m.Text);
        var q = m.Quote!;
        Assert.Equal(("msgLEGACY01==", Str(legacy, "senderId"), InboundContentKind.Text, "今晚聚餐", false), (q.MessageId, q.SenderId, q.Kind, q.Text, q.FromBot));
    }
}
