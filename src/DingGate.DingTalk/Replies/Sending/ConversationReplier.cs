using System.Text.Json;
using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Replies.Markdown;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Sending;

/// <summary>
/// Sends a complete answer (markdown or plain text) into the conversation of an inbound message: tables converted,
/// split into ≤ 3 800-character chunks with balanced code fences and <c>(i/n)</c> titles, the sender @-mentioned in
/// groups. Goes through the message's session webhook (1 call, no token) while it is valid, and through the robot
/// OpenAPI when it has expired or refuses (errcode 300001, throttling, 5xx): the answer is never lost.
/// </summary>
internal sealed partial class ConversationReplier(
    DingTalkAccount account, DingTalkApiClient api, RobotMessageSender robot, TimeProvider time, ILogger<ConversationReplier> logger)
{
    /// <summary>A webhook this close to its expiry is treated as expired (the call itself takes time).</summary>
    public static readonly TimeSpan WebhookSafetyMargin = TimeSpan.FromSeconds(5);

    /// <summary>Sends <paramref name="answer"/>; returns the number of messages sent. Throws when no path could deliver it.</summary>
    public async Task<int> SendAsync(InboundMessage message, string answer, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var text = account.ConvertMarkdownTables ? MarkdownTableConverter.Convert(answer) : answer;
        var markdown = MarkdownDetector.LooksLikeMarkdown(text);
        var mention = MentionOf(message);
        var chunks = MarkdownChunker.Split(text, MarkdownChunker.DefaultLimit - (mention?.Length ?? 0));
        var title = ReplyTitle.From(text);
        var useWebhook = WebhookUsable(message);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunkTitle = chunks.Count == 1 ? title : $"{title} ({i + 1}/{chunks.Count})";
            var chunk = i == 0 && mention is not null ? mention + chunks[i] : chunks[i];
            if (useWebhook && WebhookUsable(message))
            {
                try
                {
                    var at = i == 0 && mention is not null ? new WebhookAt([message.Sender.StaffId!]) : null;
                    object body = markdown
                        ? new WebhookMarkdownMessage(new WebhookMarkdown(chunkTitle, chunk), at)
                        : new WebhookTextMessage(new WebhookText(chunk), at);
                    await api.PostWebhookAsync(message.ReplyWebhook!, body, meter, cancellationToken);
                    continue;
                }
                catch (DingTalkApiException ex)
                {
                    LogWebhookRefused(logger, account.Id, ex.Code ?? ex.HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), ex);
                    useWebhook = false;
                }
            }

            await SendByOpenApiAsync(message, chunkTitle, chunks[i], markdown, meter, cancellationToken);
        }

        return chunks.Count;
    }

    /// <summary>The OpenAPI target of a message's conversation: the sender's 1:1 chat or the group.</summary>
    public static MessageTarget TargetOf(InboundMessage message) =>
        message.Conversation == ConversationKind.Group
            ? new MessageTarget(MessageTargetKind.Group, message.ConversationId)
            : new MessageTarget(MessageTargetKind.User, message.Sender.StaffId
                ?? throw new MessageSendException($"The session webhook of message {message.MessageId} is expired and its sender has no staff id (an external user), so DingTalk's OpenAPI cannot reach them."));

    private bool WebhookUsable(InboundMessage message) =>
        message.ReplyWebhook is not null && (message.ReplyWebhookExpiresAt is not { } expires || expires - WebhookSafetyMargin > time.GetUtcNow());

    // DingTalk renders an @ only when "@<userId>" is in the text and the id is in at.atUserIds (spec §4.1).
    private static string? MentionOf(InboundMessage message) =>
        message.Conversation == ConversationKind.Group && message.Sender.StaffId is { Length: > 0 } staff ? "@" + staff + " " : null;

    private Task<string> SendByOpenApiAsync(InboundMessage message, string title, string text, bool markdown, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var (key, param) = markdown
            ? ("sampleMarkdown", JsonSerializer.Serialize(new SampleMarkdownParam(title, text), DingTalkJsonContext.Wire.SampleMarkdownParam))
            : ("sampleText", JsonSerializer.Serialize(new SampleTextParam(text), DingTalkJsonContext.Wire.SampleTextParam));
        return robot.SendAsync(TargetOf(message), key, param, meter, cancellationToken);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Account {AccountId}: the session webhook refused a reply ({Code}); sending through the OpenAPI instead")]
    private static partial void LogWebhookRefused(ILogger logger, string accountId, string code, Exception exception);
}
