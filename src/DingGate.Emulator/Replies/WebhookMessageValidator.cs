using System.Text.Json.Nodes;
using DingGate.Emulator.Http;

namespace DingGate.Emulator.Replies;

/// <summary>
/// Checks a session-webhook body (spec §4.1): msgtype text, markdown, actionCard (single button or <c>btns</c>), link or
/// feedCard. Unsupported types → errcode 400105; a missing field → errcode 40035 naming it.
/// </summary>
internal static class WebhookMessageValidator
{
    public static readonly IReadOnlyList<string> SupportedTypes = ["text", "markdown", "actionCard", "link", "feedCard"];

    /// <summary>Null when valid, else the errcode and errmsg to answer with.</summary>
    public static (int Errcode, string Errmsg)? Validate(JsonObject body)
    {
        var msgType = body.GetString("msgtype");
        if (string.IsNullOrEmpty(msgType))
        {
            return Missing("msgtype");
        }

        if (!SupportedTypes.Contains(msgType))
        {
            return (400105, $"不支持的消息类型: {msgType}");
        }

        if (body[msgType] is not JsonObject message)
        {
            return Missing(msgType);
        }

        return msgType switch
        {
            "text" => Require(message, "text", "content"),
            "markdown" => Require(message, "markdown", "title", "text"),
            "link" => Require(message, "link", "title", "text", "messageUrl"),
            "actionCard" => ActionCard(message),
            _ => FeedCard(message),
        };
    }

    private static (int, string)? ActionCard(JsonObject card)
    {
        if (Require(card, "actionCard", "title", "text") is { } missing)
        {
            return missing;
        }

        if (card["btns"] is JsonArray buttons)
        {
            if (buttons.Count == 0)
            {
                return Missing("actionCard.btns");
            }

            for (var i = 0; i < buttons.Count; i++)
            {
                if (buttons[i] is not JsonObject button)
                {
                    return Missing($"actionCard.btns[{i}]");
                }

                if (Require(button, $"actionCard.btns[{i}]", "title", "actionURL") is { } badButton)
                {
                    return badButton;
                }
            }

            return null;
        }

        return Require(card, "actionCard", "singleTitle", "singleURL");
    }

    private static (int, string)? FeedCard(JsonObject feed)
    {
        if (feed["links"] is not JsonArray { Count: > 0 } links)
        {
            return Missing("feedCard.links");
        }

        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is not JsonObject link)
            {
                return Missing($"feedCard.links[{i}]");
            }

            if (Require(link, $"feedCard.links[{i}]", "title", "messageURL") is { } badLink)
            {
                return badLink;
            }
        }

        return null;
    }

    private static (int, string)? Require(JsonObject obj, string path, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (string.IsNullOrEmpty(obj.GetString(field)))
            {
                return Missing(path + "." + field);
            }
        }

        return null;
    }

    private static (int, string) Missing(string field) => (40035, $"缺少参数 {field}");
}
