using System.Text.Json.Nodes;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Http;
using DingGate.Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Replies;

/// <summary>
/// Text-emotion reactions ("thinking" indicator, spec Appendix B): <c>POST /v1.0/robot/emotion/reply</c> and
/// <c>/recall</c>, accepted leniently with a token. Each call is a <see cref="ConversationLog"/> entry of kind
/// <c>emotion</c> with <c>MessageKey</c> = the user's msgId, in the conversation of that message.
/// </summary>
internal static class EmotionEndpoints
{
    public static void MapEmotionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1.0/robot/emotion/reply", (HttpContext c, TokenAuth a, DingTalkResults r, ConversationLog l) => RecordAsync(c, a, r, l, "reply"));
        routes.MapPost("/v1.0/robot/emotion/recall", (HttpContext c, TokenAuth a, DingTalkResults r, ConversationLog l) => RecordAsync(c, a, r, l, "recall"));
    }

    private static async Task<IResult> RecordAsync(HttpContext context, TokenAuth auth, DingTalkResults results, ConversationLog log, string action)
    {
        var (app, error) = auth.Api(context);
        if (error is not null)
        {
            return error;
        }

        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted) ?? [];
        var msgId = body.GetString("openMsgId");
        var original = msgId is null ? null : log.FindByMessageKey(msgId);
        var conversationId = body.GetString("openConversationId") ?? original?.ConversationId ?? "unknown";
        var textEmotion = body["textEmotion"] as JsonObject;
        var content = new JsonObject
        {
            ["action"] = action, ["openMsgId"] = msgId,
            ["emotionName"] = body.GetString("emotionName") ?? textEmotion?.GetString("emotionName"),
            ["text"] = textEmotion?.GetString("text"),
        };
        log.Add(conversationId, original?.ConversationType ?? "2", app!.RobotCode, fromBot: true, "emotion",
            "emotion/" + action, content, original?.UserId, msgId);
        return results.Ok(new JsonObject { ["success"] = true, ["result"] = true });
    }
}
