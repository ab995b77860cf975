using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;

namespace DingGate.Emulator.Messages;

/// <summary>
/// Adds a quoted ("引用") message to a text message in the shapes of spec §2.4. The quote object of an inject request:
/// <c>{msgType, from ("bot" or a user id), msgId?, createdAt?, text?, content?, processQueryKey?, style?}</c> where style is
/// <c>repliedMsg</c> (default), <c>originalMsgId</c> (isReplyMsg without repliedMsg) or <c>quoteMessage</c> (legacy top-level).
/// </summary>
internal sealed class QuoteBuilder(MessageContentBuilder contents, OrgDirectory org, IdGenerator ids, EmulatorOptions options)
{
    public string? Apply(JsonObject quote, MessageTarget target, JsonObject text, JsonObject topLevel)
    {
        var msgType = quote.GetString("msgType") ?? quote.GetString("msgtype") ?? "text";
        var from = quote.GetString("from") ?? "bot";
        var fromBot = from == "bot";
        var sender = fromBot ? null : org.FindUser(from);
        if (!fromBot && sender is null)
        {
            return $"Unknown user '{from}' in 'quote.from' (use \"bot\" or a user id).";
        }

        var senderId = fromBot ? target.App.ChatbotUserId : sender!.SenderId;
        var msgId = quote.GetString("msgId") ?? ids.NewMsgId();
        var createdAt = quote["createdAt"] is JsonValue v && v.TryGetValue<long>(out var at)
            ? at
            : (options.TimeProvider.GetUtcNow() - TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds();
        var quotedText = quote.GetString("text") ?? "原消息";
        switch (quote.GetString("style") ?? "repliedMsg")
        {
            case "originalMsgId":
                text["isReplyMsg"] = true;
                topLevel["originalMsgId"] = msgId;
                return null;
            case "quoteMessage":
                topLevel["quoteMessage"] = new JsonObject
                {
                    ["msgId"] = msgId, ["msgtype"] = msgType, ["text"] = new JsonObject { ["content"] = quotedText },
                    ["senderNick"] = fromBot ? target.App.Name : sender!.Nick, ["senderId"] = senderId,
                };
                return null;
            case "repliedMsg":
                break;
            default:
                return "'quote.style' must be repliedMsg, originalMsgId or quoteMessage.";
        }

        var replied = new JsonObject { ["msgType"] = msgType, ["msgId"] = msgId, ["senderId"] = senderId, ["createdAt"] = createdAt };
        var content = quote["content"] is JsonObject given ? (JsonObject)given.DeepClone() : DefaultContent(msgType, quote, target, quotedText);
        if (content is not null)
        {
            replied["content"] = content;
        }

        text["isReplyMsg"] = true;
        text["repliedMsg"] = replied;
        if (fromBot && (msgType == "interactiveCard" || quote.GetString("processQueryKey") is not null))
        {
            topLevel["originalProcessQueryKey"] = quote.GetString("processQueryKey") ?? ids.NewBase64Id(43) + "=";
        }

        return null;
    }

    private JsonObject? DefaultContent(string msgType, JsonObject quote, MessageTarget target, string quotedText)
    {
        var robot = target.App.RobotCode;
        switch (msgType)
        {
            case "text":
                return new JsonObject { ["text"] = quotedText };
            case "picture":
                return new JsonObject { ["downloadCode"] = contents.Register(robot, "picture", null).DownloadCode };
            case "richText":
                var picture = contents.Register(robot, "picture", null);
                return new JsonObject
                {
                    ["richText"] = new JsonArray(
                        new JsonObject { ["msgType"] = "text", ["content"] = quotedText },
                        new JsonObject { ["msgType"] = "picture", ["downloadCode"] = picture.DownloadCode }),
                };
            case "file":
                return contents.FileContent(contents.Register(robot, "file", null));
            case "audio":
                return new JsonObject { ["duration"] = "2000", ["downloadCode"] = contents.Register(robot, "audio", null).DownloadCode };
            case "video":
                return new JsonObject
                {
                    ["duration"] = "5000", ["downloadCode"] = contents.Register(robot, "video", null).DownloadCode, ["videoType"] = "mp4",
                };
            case "interactiveCard":
                return quote.GetString("text") is { } cardText ? new JsonObject { ["text"] = cardText } : null;
            case "chatRecord":
                return new JsonObject
                {
                    ["summary"] = "张三: " + quotedText, ["title"] = "聊天记录",
                    ["chatRecord"] = new JsonArray(new JsonObject { ["senderNick"] = "张三", ["content"] = quotedText }).ToJsonString(EmulatorJson.Options),
                };
            default:
                return null; // unknownMsgType: only msgId/createdAt
        }
    }
}
