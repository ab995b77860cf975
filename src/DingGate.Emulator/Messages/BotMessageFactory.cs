using System.Text.Json.Nodes;
using DingGate.Emulator.Conversations;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Replies;

namespace DingGate.Emulator.Messages;

/// <summary>
/// Turns an inject request into the bot-message callback payload of spec §2 (every common field, per-type body,
/// quote, quota mode), registers its session webhook and media, and records the user's message in the
/// <see cref="ConversationLog"/>. Pushing the payload is the caller's job; this class never touches the stream.
/// </summary>
internal sealed class BotMessageFactory(
    MessageTargetResolver resolver, MessageContentBuilder contents, QuoteBuilder quotes, SessionWebhookRegistry sessions,
    EmulatorAddress address, EmulatorOptions options, IdGenerator ids, ConversationLog log)
{
    public const string QuotaExhaustedMessage = "受调用量超量影响，当前我的消息服务已经暂停，请联系管理员购买更多调用量。";

    public (InjectedMessage? Message, string? Error) Create(InjectRequest request)
    {
        var (target, error) = resolver.Resolve(request);
        if (target is null)
        {
            return (null, error);
        }

        var (key, body, contentError) = contents.Build(request, target);
        if (body is null)
        {
            return (null, contentError);
        }

        // Quote extras (originalProcessQueryKey, originalMsgId, quoteMessage) go to the top level; checked before any session exists.
        var quoteExtras = new JsonObject();
        if (request.Quote is { } quote)
        {
            if (key != "text")
            {
                return (null, "'quote' is only supported with msgtype text (quotes are nested in text, spec §2.4).");
            }

            if (quotes.Apply(quote, target, body, quoteExtras) is { } quoteError)
            {
                return (null, quoteError);
            }
        }

        var now = options.TimeProvider.GetUtcNow();
        var createAt = now.ToUnixTimeMilliseconds();
        var app = target.App;
        var user = target.User;
        var session = sessions.Create(app.RobotCode, target.ConversationId, target.ConversationType, user.UserId, now);
        var webhook = address.Url("/robot/sendBySession?session=" + session.Session);
        var msgId = ids.NewMsgId();
        var payload = new JsonObject { ["conversationId"] = target.ConversationId };
        if (target.IsGroup)
        {
            payload["atUsers"] = AtUsers(request, target);
        }

        payload["chatbotCorpId"] = app.CorpId;
        payload["chatbotUserId"] = app.ChatbotUserId;
        payload["msgId"] = msgId;
        payload["senderNick"] = user.Nick;
        payload["isAdmin"] = user.IsAdmin;
        if (user.StaffId is not null)
        {
            payload["senderStaffId"] = user.StaffId;
        }

        payload["sessionWebhookExpiredTime"] = session.ExpiresAt.ToUnixTimeMilliseconds();
        payload["createAt"] = createAt;
        payload["senderCorpId"] = user.CorpId;
        payload["senderUnionId"] = user.UnionId;
        payload["senderPlatform"] = request.Platform;
        payload["conversationType"] = target.ConversationType;
        payload["senderId"] = user.SenderId;
        if (target.Group is { } group)
        {
            payload["conversationTitle"] = group.Title;
            payload["isInAtList"] = request.AtBot;
        }

        payload["sessionWebhook"] = webhook;
        foreach (var (name, value) in quoteExtras)
        {
            payload[name] = value?.DeepClone();
        }

        if (request.QuotaExhausted)
        {
            payload["errorCode"] = 20001;
            payload["errorMessage"] = QuotaExhaustedMessage;
        }
        else
        {
            payload[key] = body;
        }

        payload["robotCode"] = app.RobotCode;
        payload["msgtype"] = request.MsgType;

        var logged = request.QuotaExhausted ? new JsonObject { ["errorCode"] = 20001, ["errorMessage"] = QuotaExhaustedMessage } : body.DeepClone();
        log.Add(target.ConversationId, target.ConversationType, app.RobotCode, fromBot: false, request.MsgType, "user", logged, user.UserId, msgId);
        var deliver = !target.IsGroup || request.AtBot;
        var reason = deliver ? null : "group message does not @ the bot: DingTalk does not deliver it (recorded in the conversation only)";
        return (new InjectedMessage(app, msgId, target.ConversationId, target.ConversationType, webhook, payload, deliver, reason), null);
    }

    private JsonArray AtUsers(InjectRequest request, MessageTarget target)
    {
        var atUsers = new JsonArray();
        if (request.AtBot)
        {
            atUsers.Add(new JsonObject { ["dingtalkId"] = target.App.ChatbotUserId });
        }

        foreach (var userId in request.AtUsers.Distinct(StringComparer.Ordinal))
        {
            var other = resolver.FindUser(userId)!;
            var at = new JsonObject { ["dingtalkId"] = other.SenderId };
            if (other.StaffId is not null)
            {
                at["staffId"] = other.StaffId;
            }

            atUsers.Add(at);
        }

        return atUsers;
    }
}
