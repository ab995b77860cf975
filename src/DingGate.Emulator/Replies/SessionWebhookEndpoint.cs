using System.Text.Json.Nodes;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Replies;

/// <summary>
/// <c>POST /robot/sendBySession?session=…</c> (spec §4.1, §8.6): no token needed (the header is tolerated); always HTTP 200
/// with <c>{errcode, errmsg}</c>. Accepted replies are recorded in the <see cref="ConversationLog"/> as the bot's messages.
/// </summary>
internal static class SessionWebhookEndpoint
{
    public const string Via = "sessionWebhook";

    public static void MapSessionWebhookEndpoint(this IEndpointRouteBuilder routes) => routes.MapPost("/robot/sendBySession", SendAsync);

    private static async Task<IResult> SendAsync(
        HttpContext context, SessionWebhookRegistry sessions, WebhookThrottle throttle, ConversationLog log, DingTalkResults results)
    {
        var session = sessions.FindLive(context.Request.Query["session"].ToString());
        if (session is null)
        {
            return results.LegacyError(300001, "session 不存在");
        }

        var body = await EmulatorJson.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return results.LegacyError(40035, "缺少参数 json");
        }

        if (WebhookMessageValidator.Validate(body) is { } invalid)
        {
            return results.LegacyError(invalid.Errcode, invalid.Errmsg);
        }

        if (!throttle.TryPass(session.ConversationId))
        {
            return results.LegacyError(410100, "发送速度太快而限流");
        }

        var msgType = body.GetString("msgtype")!;
        var content = body[msgType]!.DeepClone().AsObject();
        if (body["at"] is JsonObject at)
        {
            content["at"] = at.DeepClone();
        }

        log.Add(session.ConversationId, session.ConversationType, session.RobotCode, fromBot: true, msgType, Via, content, session.SenderUserId);
        return results.Legacy(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok" });
    }
}
