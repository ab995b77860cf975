using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using DingGate.Emulator.Media;

namespace DingGate.Emulator.Messages;

/// <summary>
/// Builds the type-specific part of a bot message (spec §2.3): <c>text</c> for text messages, <c>content</c> for every
/// other type. Media are registered in the <see cref="MediaStore"/> for the bot so their download codes work.
/// </summary>
internal sealed class MessageContentBuilder(MediaStore media, IdGenerator ids, OrgDirectory org)
{
    public static readonly IReadOnlyList<string> SupportedTypes =
        ["text", "richText", "picture", "audio", "video", "file", "markdown", "interactiveCard", "chatRecord", "unknownMsgType"];

    /// <summary>Returns the property name (<c>text</c> or <c>content</c>) and its object, or an error.</summary>
    public (string Key, JsonObject? Value, string? Error) Build(InjectRequest request, MessageTarget target)
    {
        var robot = target.App.RobotCode;
        switch (request.MsgType)
        {
            case "text":
                var text = request.Text ?? "你好";
                if (target.IsGroup)
                {
                    // The @bot mention is stripped from group text, which then starts with a space (spec §2.1).
                    text = " " + text.Replace("@" + target.App.Name, string.Empty, StringComparison.Ordinal).TrimStart();
                }

                return ("text", new JsonObject { ["content"] = text }, null);
            case "richText":
                return RichText(request, robot);
            case "picture":
                var picture = Register(robot, "picture", request.File);
                return ("content", new JsonObject { ["downloadCode"] = picture.DownloadCode, ["pictureDownloadCode"] = picture.PictureDownloadCode }, null);
            case "audio":
                var audio = Register(robot, "audio", request.File);
                return ("content", new JsonObject
                {
                    ["duration"] = Duration(request.DurationMs ?? 4000, request.DurationAsString), ["downloadCode"] = audio.DownloadCode,
                    ["recognition"] = request.Recognition ?? request.Text ?? "明天下午三点开会",
                }, null);
            case "video":
                var video = Register(robot, "video", request.File);
                return ("content", new JsonObject
                {
                    ["duration"] = Duration(request.DurationMs ?? 5000, request.DurationAsString), ["downloadCode"] = video.DownloadCode, ["videoType"] = "mp4",
                }, null);
            case "file":
                var file = Register(robot, "file", request.File);
                return ("content", FileContent(file), null);
            case "markdown":
                return ("content", new JsonObject { ["text"] = request.Text ?? "**重点**\n- 第一项" }, null);
            case "interactiveCard":
                return ("content", new JsonObject
                {
                    ["biz_custom_action_url"] =
                        $"dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Falidocs.dingtalk.com%2Fi%2Fnodes%3Froute%3DpreviewDentry%26type%3Dfile%26spaceId%3D{NewNumericId()}%26fileId%3D{NewNumericId()}",
                }, null);
            case "chatRecord":
                return ChatRecord(request);
            case "unknownMsgType":
                return ("content", new JsonObject { ["unknownMsgType"] = "用户发送了一条消息，机器人暂不支持接收。" }, null);
            default:
                return ("content", null, $"Unsupported msgtype '{request.MsgType}' (supported: {string.Join(", ", SupportedTypes)}).");
        }
    }

    public StoredMedia Register(string robotCode, string msgType, InjectAttachment? attachment)
    {
        var (name, contentType, bytes) = DefaultMediaBytes.For(msgType);
        return media.RegisterMessageFile(
            robotCode, msgType, attachment?.Name ?? name, attachment?.ContentType ?? contentType, attachment?.Bytes ?? bytes);
    }

    public JsonObject FileContent(StoredMedia file) => new()
    {
        ["spaceId"] = NewNumericId(), ["fileName"] = file.FileName, ["downloadCode"] = file.DownloadCode, ["fileId"] = NewNumericId(),
    };

    public static JsonNode Duration(long milliseconds, bool asString) =>
        asString ? JsonValue.Create(milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(milliseconds);

    private (string, JsonObject?, string?) RichText(InjectRequest request, string robot)
    {
        var source = request.RichText ?? [new JsonObject { ["text"] = request.Text ?? "截图如下：" }, new JsonObject { ["type"] = "picture" }];
        var segments = new JsonArray();
        foreach (var node in source)
        {
            if (node is not JsonObject segment)
            {
                return ("content", null, "'richText' segments must be objects.");
            }

            switch (segment.GetString("type"))
            {
                case "picture":
                    var bytes = segment.GetString("contentBase64") is { } b64 ? Convert.FromBase64String(b64) : null;
                    var picture = Register(robot, "picture", new InjectAttachment(segment.GetString("name"), bytes, segment.GetString("contentType")));
                    segments.Add(new JsonObject { ["type"] = "picture", ["downloadCode"] = picture.DownloadCode, ["pictureDownloadCode"] = picture.PictureDownloadCode });
                    break;
                case "at":
                    var user = org.FindUser(segment.GetString("atUserId"));
                    if (user is null)
                    {
                        return ("content", null, "richText 'at' segment needs a known 'atUserId'.");
                    }

                    segments.Add(new JsonObject { ["type"] = "at", ["atName"] = user.Nick, ["atUserId"] = user.UserId });
                    break;
                default:
                    segments.Add(segment.DeepClone());
                    break;
            }
        }

        return ("content", new JsonObject { ["richText"] = segments }, null);
    }

    private (string, JsonObject?, string?) ChatRecord(InjectRequest request)
    {
        var records = new JsonArray();
        var source = request.Records ?? [new JsonObject { ["from"] = "user002", ["text"] = "明天的会改到下午" }, new JsonObject { ["from"] = "user003", ["text"] = "收到" }];
        foreach (var record in source.OfType<JsonObject>())
        {
            var nick = org.FindUser(record.GetString("from"))?.Nick ?? record.GetString("senderNick") ?? "匿名";
            records.Add(new JsonObject { ["senderNick"] = nick, ["content"] = record.GetString("text") ?? string.Empty, ["msgType"] = "text" });
        }

        return ("content", new JsonObject
        {
            ["summary"] = string.Join("\n", records.Select(r => $"{r!["senderNick"]}: {r["content"]}")),
            ["title"] = request.Text ?? "群聊的聊天记录",
            ["chatRecord"] = records.ToJsonString(EmulatorJson.Options),
        }, null);
    }

    private string NewNumericId() => "2" + ids.Next(1_000_000_000).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
}
