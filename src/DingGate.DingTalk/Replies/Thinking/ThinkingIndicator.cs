using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Thinking;

/// <summary>
/// Shows that the bot is working on a markdown-mode answer, only when the answer is not out after
/// <c>thinkingDelayMs</c> (a fast answer costs no extra call): <c>emotion</c> puts a "思考中" text reaction on the
/// user's message and takes it back when the answer is sent (spec Appendix B); <c>message</c> sends a short text the
/// answer then supersedes; <c>off</c> does nothing. Failures are cosmetic: logged, never fail the reply.
/// </summary>
internal sealed partial class ThinkingIndicator(DingTalkAccount account, DingTalkApiClient api, TimeProvider time, ILogger<ThinkingIndicator> logger)
{
    public const string Text = "思考中…";

    private bool Mode(string mode) => string.Equals(account.ThinkingIndicator, mode, StringComparison.OrdinalIgnoreCase);

    /// <summary>Waits the delay, then shows the indicator; true when it was shown (and may need removing). Cancel to skip it.</summary>
    public async Task<bool> ShowAfterDelayAsync(InboundMessage message, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        if (!Mode("emotion") && !Mode("message"))
        {
            return false;
        }

        try
        {
            await Task.Delay(account.ThinkingDelay, time, cancellationToken);
            if (Mode("message") && message.ReplyWebhook is { } webhook)
            {
                await api.PostWebhookAsync(webhook, new WebhookTextMessage(new WebhookText(Text)), meter, cancellationToken);
                return false;
            }

            await CallAsync("/v1.0/robot/emotion/reply", message, meter, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is DingTalkApiException or HttpRequestException)
        {
            LogIndicatorFailed(logger, account.Id, ex);
            return false;
        }
    }

    /// <summary>Takes the emotion reaction back (after the answer is out).</summary>
    public async Task RemoveAsync(InboundMessage message, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("/v1.0/robot/emotion/recall", message, meter, cancellationToken);
        }
        catch (Exception ex) when (ex is DingTalkApiException or HttpRequestException)
        {
            LogIndicatorFailed(logger, account.Id, ex);
        }
    }

    private Task<EmotionResponse> CallAsync(string path, InboundMessage message, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var body = new EmotionRequest(account.RobotCode, message.MessageId, message.ConversationId, Text, new TextEmotion("2659900", Text, Text, "im_bg_1"));
        return api.SendAsync<EmotionResponse>(
            new ApiRequest(DingTalkHost.Api, HttpMethod.Post, path, body) { Meter = meter, Kind = ApiCallKinds.Emotion }, cancellationToken);
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Debug, Message = "Account {AccountId}: the thinking indicator failed (cosmetic)")]
    private static partial void LogIndicatorFailed(ILogger logger, string accountId, Exception exception);
}
