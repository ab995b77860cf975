using DingGate.Core.Inbound;
using DingGate.DingTalk.Inbound;
using static DingGate.DingTalk.Tests.Inbound.ParserAssertions;

namespace DingGate.DingTalk.Tests.Inbound;

/// <summary>Hand-written payloads from the spec's examples and variants the emulator does not produce.</summary>
public sealed class InboundMessageParserSpecTests
{
    // §1.12 data, decoded.
    private const string GroupExample = """
        {"conversationId":"cidEXAMPLEgroup0001==","atUsers":[{"dingtalkId":"$:LWCP_v1:$botEXAMPLE"}],"chatbotCorpId":"dingcorpexample001",
         "chatbotUserId":"$:LWCP_v1:$botEXAMPLE","msgId":"msgEXAMPLE0001==","senderNick":"张三","isAdmin":false,"senderStaffId":"user001",
         "sessionWebhookExpiredTime":1735666202000,"createAt":1735660801950,"senderCorpId":"dingcorpexample001","conversationType":"2",
         "senderId":"$:LWCP_v1:$senderEXAMPLE","conversationTitle":"测试群","isInAtList":true,
         "sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=0123456789abcdef0123456789abcdef",
         "text":{"content":" 你好"},"robotCode":"dingexampleappkey01","msgtype":"text"}
        """;

    // §2.2 with createAt as a string and an unknown field.
    private const string DirectExample = """
        {"conversationId":"cidEXAMPLEsingle01==","chatbotCorpId":"dingcorpexample001","chatbotUserId":"$:LWCP_v1:$botEXAMPLE",
         "msgId":"msgEXAMPLE0002==","senderNick":"李四","isAdmin":true,"senderStaffId":"user002","sessionWebhookExpiredTime":"1735666210000",
         "createAt":"1735660810000","senderCorpId":"dingcorpexample001","conversationType":"1","senderId":"$:LWCP_v1:$senderEXAMPLE2",
         "sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=fedcba9876543210fedcba9876543210",
         "robotCode":"dingexampleappkey01","msgtype":"text","text":{"content":"帮我查一下订单"},"someFutureField":{"x":[1,2]}}
        """;

    private static string Direct(string body) =>
        $$"""{"conversationId":"cidD==","chatbotUserId":"$:LWCP_v1:$bot","msgId":"msgD==","senderNick":"李四","senderStaffId":"user002","createAt":1735660810000,"conversationType":"1","senderId":"$:LWCP_v1:$s2",{{body}}}""";

    [Fact]
    public void Parse_SpecGroupExample_MapsEverything()
    {
        var m = ParseOk(GroupExample, "DingGate");

        Assert.Equal(("msgEXAMPLE0001==", "cidEXAMPLEgroup0001==", ConversationKind.Group, "测试群"), (m.MessageId, m.ConversationId, m.Conversation, m.ConversationTitle));
        Assert.Equal("你好", m.Text);
        Assert.True(m.MentionsBot);
        Assert.Empty(m.MentionedStaffIds);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735660801950), m.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735666202000), m.ReplyWebhookExpiresAt);
        Assert.Equal("https://oapi.dingtalk.com/robot/sendBySession?session=0123456789abcdef0123456789abcdef", m.ReplyWebhook!.AbsoluteUri);
        Assert.Equal(new InboundSender("$:LWCP_v1:$senderEXAMPLE", "user001", "张三", "dingcorpexample001", false), m.Sender);
    }

    [Fact]
    public void Parse_SpecDirectExampleWithStringNumbers_ReadsTimes()
    {
        var m = ParseOk(DirectExample);

        Assert.Equal((ConversationKind.Direct, "帮我查一下订单", true), (m.Conversation, m.Text, m.Sender.IsAdmin));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735660810000), m.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735666210000), m.ReplyWebhookExpiresAt);
    }

    [Fact]
    public void Parse_MessageFromBotItself_Ignored()
    {
        var payload = GroupExample.Replace("\"senderId\":\"$:LWCP_v1:$senderEXAMPLE\"", "\"senderId\":\"$:LWCP_v1:$botEXAMPLE\"", StringComparison.Ordinal);

        var result = NewParser().Parse(AccountId, null, payload);

        Assert.Equal(new ParseResult.Ignored("message sent by the bot itself"), result);
    }

    [Theory]
    [InlineData(" @DingGate 你好", "你好")]
    [InlineData("@dinggate   @DingGate 你好 ", "你好")]
    [InlineData("@DingGate", "")]
    [InlineData("@DingGateX 你好", "@DingGateX 你好")]
    [InlineData("你好 @DingGate", "你好 @DingGate")]
    public void Parse_LeadingBotMention_Stripped(string content, string expected)
    {
        var payload = GroupExample.Replace("\" 你好\"", System.Text.Json.JsonSerializer.Serialize(content), StringComparison.Ordinal);

        Assert.Equal(expected, ParseOk(payload, "DingGate").Text);
    }

    [Fact]
    public void Parse_SpecRichTextExample_ConcatenatesSegments()
    {
        var m = ParseOk(Direct("""
            "msgtype":"richText","content":{"richText":[{"text":"截图如下："},
              {"type":"picture","downloadCode":"dlcodeEXAMPLEpic01","pictureDownloadCode":"picdlEXAMPLE01"},{"text":"请帮忙看看"}]}
            """));

        Assert.Equal("截图如下：[image]请帮忙看看", m.Text);
        Assert.Equal("dlcodeEXAMPLEpic01", Assert.Single(m.Attachments).DownloadCode);
    }

    [Fact]
    public void Parse_RichTextAtSegmentOfBot_NotRepeated()
    {
        var m = ParseOk(Direct("""
            "msgtype":"richText","content":{"richText":[{"type":"at","atName":"DingGate","atUserId":"$:LWCP_v1:$bot"},{"type":"text","text":" 看图"},{"type":"emoji","text":"[微笑]"}]}
            """), "DingGate");

        Assert.Equal("看图[微笑]", m.Text);
        Assert.Empty(m.MentionedStaffIds);
    }

    [Fact]
    public void Parse_AudioWithoutRecognition_UsesVoicePlaceholder()
    {
        var m = ParseOk(Direct("""
            "msgtype":"audio","content":{"duration":"2000","downloadCode":"dlA"}
            """));

        Assert.Equal(("[voice message]", 2000L), (m.Text, Assert.Single(m.Attachments).DurationMs!.Value));
    }

    [Fact]
    public void Parse_SpecFileQuoteExample_MapsQuotedFile()
    {
        var m = ParseOk(Direct("""
            "msgtype":"text","text":{"content":"这个文件是什么？","isReplyMsg":true,"repliedMsg":{"msgType":"file","msgId":"msgEXAMPLEquoted01==",
              "senderId":"$:LWCP_v1:$senderEXAMPLE3","createdAt":1735650000000,
              "content":{"spaceId":"20001234567","fileName":"report.pdf","downloadCode":"dlcodeEXAMPLEq01","fileId":"190001234568"}}}
            """));

        var q = m.Quote!;
        Assert.Equal(("msgEXAMPLEquoted01==", "$:LWCP_v1:$senderEXAMPLE3", InboundContentKind.File, "[file: report.pdf]"), (q.MessageId, q.SenderId, q.Kind, q.Text));
        var attachment = Assert.Single(q.Attachments);
        Assert.Equal(("dlcodeEXAMPLEq01", "report.pdf"), (attachment.DownloadCode, attachment.FileName));
    }

    [Fact]
    public void Parse_LegacyQuoteMessageFromBot_IsFromBot()
    {
        var m = ParseOk(Direct("""
            "msgtype":"text","text":{"content":"继续"},"originalProcessQueryKey":"pqk1",
            "quoteMessage":{"msgId":"msgQ==","msgtype":"text","text":{"content":"上一条"},"senderNick":"DingGate","senderId":"$:LWCP_v1:$bot"}
            """));

        Assert.Equal(("msgQ==", true, "pqk1", "上一条"), (m.Quote!.MessageId, m.Quote.FromBot, m.Quote.BotMessageKey, m.Quote.Text));
    }

    [Theory]
    [InlineData("\"errorCode\":20001,\"errorMessage\":\"受调用量超量影响\"")]
    [InlineData("\"errCode\":\"20001\",\"errMsg\":\"受调用量超量影响\"")]
    public void Parse_QuotaErrorSpellings_SetPlatformError(string fields)
    {
        var m = ParseOk(Direct("\"msgtype\":\"text\"," + fields));

        Assert.Equal(("20001: 受调用量超量影响", InboundPlaceholders.QuotaExhausted, InboundContentKind.Unknown), (m.PlatformError, m.Text, m.Kind));
    }

    [Fact]
    public void Parse_UnknownWireType_KeptAsUnknown()
    {
        var m = ParseOk(Direct("\"msgtype\":\"sticker\",\"content\":{\"id\":1}"));

        Assert.Equal((InboundContentKind.Unknown, "[unsupported message type: sticker]"), (m.Kind, m.Text));
    }

    [Fact]
    public void Parse_ChatRecordWithUnreadableRecords_FallsBackToSummary()
    {
        var m = ParseOk(Direct("""
            "msgtype":"chatRecord","content":{"summary":"张三: 你好\n李四: 在","title":"聊天记录","chatRecord":"not json ["}
            """));

        Assert.Equal("[chat record: 聊天记录]\n张三: 你好\n李四: 在", m.Text);
    }

    [Fact]
    public void Parse_ChatRecordArrayWithNestedContent_ReadsRecords()
    {
        var m = ParseOk(Direct("""
            "msgtype":"chatRecord","content":{"chatRecord":[{"senderName":"A","text":{"content":"x"}},{"senderNick":"B","msgType":"picture"},7]}
            """));

        Assert.Equal("[chat record]\nA: x\nB: [picture]", m.Text);
    }

    [Fact]
    public void Parse_MistypedOptionalFields_StillParsed()
    {
        var m = ParseOk(Direct("""
            "msgtype":"text","text":{"content":12345,"isReplyMsg":"yes","repliedMsg":"nope"},"atUsers":{"a":1},"isAdmin":"true",
            "sessionWebhook":"file:///etc/passwd","sessionWebhookExpiredTime":{"x":1},"quoteMessage":[1]
            """));

        Assert.Equal(("12345", true, null, null, null), (m.Text, m.Sender.IsAdmin, m.ReplyWebhook, m.ReplyWebhookExpiresAt, m.Quote));
    }

    [Fact]
    public void Parse_MissingCreateAt_UsesClock()
    {
        var m = ParseOk(Direct("\"msgtype\":\"text\",\"text\":{\"content\":\"a\"}").Replace("\"createAt\":1735660810000,", string.Empty, StringComparison.Ordinal));

        Assert.Equal(Now, m.CreatedAt);
    }

    [Fact]
    public void Parse_MissingMsgIdWithFrameId_UsesFrameId()
    {
        var payload = Direct("\"msgtype\":\"text\",\"text\":{\"content\":\"a\"}").Replace("\"msgId\":\"msgD==\",", string.Empty, StringComparison.Ordinal);

        Assert.Equal("frame-1", ParseOk(payload, fallbackMessageId: "frame-1").MessageId);
        Assert.Equal(new ParseResult.Invalid("no msgId"), NewParser().Parse(AccountId, null, payload));
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("null", "payload is JSON null")]
    [InlineData("{\"msgId\":\"m\",\"conversationId\":\"c\",\"conversationType\":\"3\",\"senderId\":\"s\"}", "conversationType '3' is neither \"1\" nor \"2\"")]
    [InlineData("{\"msgId\":\"m\",\"conversationType\":\"1\",\"senderId\":\"s\"}", "no conversationId")]
    [InlineData("{\"msgId\":\"m\",\"conversationId\":\"c\",\"conversationType\":\"1\"}", "no senderId")]
    public void Parse_UnusablePayload_Invalid(string payload, string reason)
    {
        Assert.Equal(new ParseResult.Invalid(reason), NewParser().Parse(AccountId, null, payload));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"msgId\":")]
    public void Parse_NotAJsonObject_Invalid(string payload)
    {
        var invalid = Assert.IsType<ParseResult.Invalid>(NewParser().Parse(AccountId, null, payload));
        Assert.StartsWith("payload is not a readable JSON object", invalid.Reason, StringComparison.Ordinal);
    }
}
