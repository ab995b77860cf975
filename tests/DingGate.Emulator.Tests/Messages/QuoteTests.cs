using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Media;
using DingGate.Emulator.Messages;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Messages;

public sealed class QuoteTests
{
    [Fact]
    public async Task Create_QuoteOfUserFile_NestsRepliedMsgInText()
    {
        await using var emu = await TestEmulator.StartAsync();
        var user2 = emu.Get<OrgDirectory>().FindUser("user002")!;
        var quote = new JsonObject { ["msgType"] = "file", ["from"] = "user002", ["msgId"] = "msgQuoted01==", ["createdAt"] = 1735650000000 };

        var p = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", Text = "这个文件是什么？", Quote = quote }).Payload;

        var text = p["text"]!.AsObject();
        Assert.Equal("这个文件是什么？", text["content"]!.GetValue<string>());
        Assert.True(text["isReplyMsg"]!.GetValue<bool>());
        var replied = text["repliedMsg"]!.AsObject();
        Assert.Equal(["msgType", "msgId", "senderId", "createdAt", "content"], replied.Select(kv => kv.Key));
        Assert.Equal("file", replied["msgType"]!.GetValue<string>());
        Assert.Equal("msgQuoted01==", replied["msgId"]!.GetValue<string>());
        Assert.Equal(user2.SenderId, replied["senderId"]!.GetValue<string>());
        Assert.Equal(1735650000000, replied["createdAt"]!.GetValue<long>());
        Assert.Equal(["spaceId", "fileName", "downloadCode", "fileId"], replied["content"]!.AsObject().Select(kv => kv.Key));
        Assert.NotNull(emu.Get<MediaStore>().FindByDownloadCode(replied["content"]!["downloadCode"]!.GetValue<string>()));
        Assert.False(p.ContainsKey("originalProcessQueryKey"));
    }

    [Fact]
    public async Task Create_QuoteOfBotCard_HasBotSenderAndOriginalProcessQueryKey()
    {
        await using var emu = await TestEmulator.StartAsync();
        var app = emu.Get<AppRegistry>().FindByClientId(TestEmulator.ClientId)!;
        var quote = new JsonObject { ["msgType"] = "interactiveCard", ["from"] = "bot", ["processQueryKey"] = "pqkCard01=", ["text"] = "卡片摘要" };

        var p = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", Text = "继续", Quote = quote }).Payload;

        var replied = p["text"]!["repliedMsg"]!;
        Assert.Equal(app.ChatbotUserId, replied["senderId"]!.GetValue<string>());
        Assert.Equal(p["chatbotUserId"]!.GetValue<string>(), replied["senderId"]!.GetValue<string>());
        Assert.Equal("{\"text\":\"卡片摘要\"}", replied["content"]!.ToJsonString(Http.EmulatorJson.Options));
        Assert.Equal("pqkCard01=", p["originalProcessQueryKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_QuoteOfRichText_UsesMsgTypeAndContentKeys()
    {
        await using var emu = await TestEmulator.StartAsync();

        var p = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", Quote = new JsonObject { ["msgType"] = "richText", ["from"] = "user001", ["text"] = "看图" } }).Payload;

        var segments = p["text"]!["repliedMsg"]!["content"]!["richText"]!.AsArray();
        Assert.Equal("{\"msgType\":\"text\",\"content\":\"看图\"}", segments[0]!.ToJsonString(Http.EmulatorJson.Options));
        Assert.Equal("picture", segments[1]!["msgType"]!.GetValue<string>());
        Assert.NotNull(segments[1]!["downloadCode"]);
    }

    [Theory]
    [InlineData("audio")]
    [InlineData("video")]
    public async Task Create_QuoteOfAudioOrVideo_HasStringDuration(string msgType)
    {
        await using var emu = await TestEmulator.StartAsync();

        var p = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", Quote = new JsonObject { ["msgType"] = msgType, ["from"] = "user001" } }).Payload;

        Assert.Equal(JsonValueKind.String, p["text"]!["repliedMsg"]!["content"]!["duration"]!.GetValueKind());
    }

    [Fact]
    public async Task Create_QuoteOfUnknownType_HasNoContent()
    {
        await using var emu = await TestEmulator.StartAsync();

        var p = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", Quote = new JsonObject { ["msgType"] = "unknownMsgType", ["from"] = "user002" } }).Payload;

        var replied = p["text"]!["repliedMsg"]!.AsObject();
        Assert.False(replied.ContainsKey("content"));
        Assert.NotNull(replied["msgId"]);
    }

    [Fact]
    public async Task Create_QuoteOriginalMsgIdStyle_HasTopLevelOriginalMsgId()
    {
        await using var emu = await TestEmulator.StartAsync();

        var p = BotMessageFactoryTests.Create(emu, new InjectRequest
        {
            From = "user001", Quote = new JsonObject { ["style"] = "originalMsgId", ["msgId"] = "msgOrig==", ["from"] = "user002" },
        }).Payload;

        Assert.True(p["text"]!["isReplyMsg"]!.GetValue<bool>());
        Assert.Null(p["text"]!["repliedMsg"]);
        Assert.Equal("msgOrig==", p["originalMsgId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_QuoteWithNonTextMessage_IsRejected()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (message, error) = emu.Get<BotMessageFactory>().Create(new InjectRequest { From = "user001", MsgType = "picture", Quote = new JsonObject() });

        Assert.Null(message);
        Assert.Contains("quote", error, StringComparison.Ordinal);
    }
}
