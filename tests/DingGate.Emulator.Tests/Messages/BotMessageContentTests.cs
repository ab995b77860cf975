using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator.Media;
using DingGate.Emulator.Messages;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Messages;

public sealed class BotMessageContentTests
{
    [Fact]
    public async Task Create_Picture_HasBothDownloadCodesRegisteredToTheRobot()
    {
        await using var emu = await TestEmulator.StartAsync();

        var p = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", MsgType = "picture" }).Payload;

        Assert.Equal("picture", p["msgtype"]!.GetValue<string>());
        var content = p["content"]!.AsObject();
        Assert.Equal(["downloadCode", "pictureDownloadCode"], content.Select(kv => kv.Key));
        var media = emu.Get<MediaStore>().FindByDownloadCode(content["downloadCode"]!.GetValue<string>())!;
        Assert.Same(media, emu.Get<MediaStore>().FindByDownloadCode(content["pictureDownloadCode"]!.GetValue<string>()));
        Assert.Equal(TestEmulator.ClientId, media.RobotCode);
        Assert.Equal("image/png", media.ContentType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], media.Bytes[..4]);
    }

    [Fact]
    public async Task Create_AudioDefault_DurationIsNumberWithRecognition()
    {
        await using var emu = await TestEmulator.StartAsync();

        var content = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", MsgType = "audio", Recognition = "开会" }).Payload["content"]!;

        Assert.Equal(JsonValueKind.Number, content["duration"]!.GetValueKind());
        Assert.Equal(4000, content["duration"]!.GetValue<long>());
        Assert.Equal("开会", content["recognition"]!.GetValue<string>());
        Assert.NotNull(emu.Get<MediaStore>().FindByDownloadCode(content["downloadCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_VideoWithDurationAsString_EmitsStringDuration()
    {
        await using var emu = await TestEmulator.StartAsync();

        var content = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", MsgType = "video", DurationMs = 7000, DurationAsString = true }).Payload["content"]!;

        Assert.Equal("7000", content["duration"]!.GetValue<string>());
        Assert.Equal("mp4", content["videoType"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(content["downloadCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_FileWithBytes_KeepsNameAndBytes()
    {
        await using var emu = await TestEmulator.StartAsync();
        var bytes = "%PDF-1.4 test"u8.ToArray();

        var content = BotMessageFactoryTests.Create(emu, new InjectRequest
        {
            From = "user001", MsgType = "file", File = new InjectAttachment("报价单.pdf", bytes, "application/pdf"),
        }).Payload["content"]!.AsObject();

        Assert.Equal(["spaceId", "fileName", "downloadCode", "fileId"], content.Select(kv => kv.Key));
        Assert.Equal("报价单.pdf", content["fileName"]!.GetValue<string>());
        Assert.Equal(bytes, emu.Get<MediaStore>().FindByDownloadCode(content["downloadCode"]!.GetValue<string>())!.Bytes);
    }

    [Fact]
    public async Task Create_RichText_BuildsTextPictureAndAtSegments()
    {
        await using var emu = await TestEmulator.StartAsync();
        var segments = new JsonArray(
            new JsonObject { ["text"] = "截图如下：" }, new JsonObject { ["type"] = "picture" }, new JsonObject { ["type"] = "at", ["atUserId"] = "user002" });

        var richText = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", MsgType = "richText", RichText = segments })
            .Payload["content"]!["richText"]!.AsArray();

        Assert.Equal(3, richText.Count);
        Assert.Equal("{\"text\":\"截图如下：\"}", richText[0]!.ToJsonString(Http.EmulatorJson.Options));
        Assert.Equal("picture", richText[1]!["type"]!.GetValue<string>());
        Assert.NotNull(richText[1]!["downloadCode"]);
        Assert.NotNull(richText[1]!["pictureDownloadCode"]);
        Assert.Equal("{\"type\":\"at\",\"atName\":\"李四\",\"atUserId\":\"user002\"}", richText[2]!.ToJsonString(Http.EmulatorJson.Options));
    }

    [Fact]
    public async Task Create_ChatRecord_CarriesRecordsAsJsonString()
    {
        await using var emu = await TestEmulator.StartAsync();

        var content = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", MsgType = "chatRecord" }).Payload["content"]!;

        Assert.Equal(JsonValueKind.String, content["chatRecord"]!.GetValueKind());
        var records = JsonNode.Parse(content["chatRecord"]!.GetValue<string>())!.AsArray();
        Assert.Equal("李四", records[0]!["senderNick"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(content["summary"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(content["title"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("markdown", "text")]
    [InlineData("interactiveCard", "biz_custom_action_url")]
    [InlineData("unknownMsgType", "unknownMsgType")]
    public async Task Create_OtherTypes_HaveTheirContentField(string msgType, string field)
    {
        await using var emu = await TestEmulator.StartAsync();

        var p = BotMessageFactoryTests.Create(emu, new InjectRequest { From = "user001", MsgType = msgType }).Payload;

        Assert.Equal(msgType, p["msgtype"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.String, p["content"]![field]!.GetValueKind());
        Assert.False(p.ContainsKey("text"));
    }

    [Fact]
    public async Task Create_UnsupportedType_IsRejected()
    {
        await using var emu = await TestEmulator.StartAsync();

        var (message, error) = emu.Get<BotMessageFactory>().Create(new InjectRequest { From = "user001", MsgType = "sticker" });

        Assert.Null(message);
        Assert.Contains("sticker", error, StringComparison.Ordinal);
    }
}
