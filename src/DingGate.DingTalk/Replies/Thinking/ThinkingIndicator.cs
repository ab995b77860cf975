using DingGate.Core.Configuration;
using DingGate.Core.Inbound;
using DingGate.Core.Storage;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Quota;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Thinking;

/// <summary>
/// Shows that the bot is working on a markdown-mode answer, only when the answer is not out after
/// <c>thinkingDelayMs</c> (a fast answer costs no extra call): <c>emotion</c> puts a "思考中" text reaction on the
/// user's message and takes it back when the answer is sent (spec Appendix B); <c>message</c> sends a short text the
/// answer then supersedes; <c>off</c> does nothing. Failures are cosmetic: logged, never fail the reply.
/// <para>
/// A reaction is recorded in <see cref="IShownIndicatorStore"/> just BEFORE the reply-emotion call and forgotten once
/// taken back, so a crash anywhere in between leaves a record that the next start recalls
/// (<see cref="ShownIndicatorRecovery"/>). Recording before rather than after the call: a crash between the record and
/// the call costs one recall of a reaction that never showed (harmless), while a crash between an accepted call and the
/// record would leave "思考中" on the user's message forever. A reply call DingTalk refused for good drops the record;
/// an ambiguous failure (5xx, timeout, network) keeps it and counts as shown, so the reaction is recalled.
/// </para>
/// </summary>
internal sealed partial class ThinkingIndicator(
    DingTalkAccount account, DingTalkApiClient api, IShownIndicatorStore shown, TimeProvider time, ILogger<ThinkingIndicator> logger,
    QuotaGovernor? quota = null, ReplyMetrics? metrics = null, LiveAccount? live = null)
{
    /// <summary>The indicator's text in the account's locale (<see cref="ReplyTexts.Thinking"/>).</summary>
    public string Text => ReplyTexts.Thinking.For((live?.Current ?? account).Locale);

    public const string EmotionId = "2659900";
    public const string BackgroundId = "im_bg_1";

    private bool Mode(string mode) => string.Equals(account.ThinkingIndicator, mode, StringComparison.OrdinalIgnoreCase);

    /// <summary>Waits the delay, then shows the indicator; true when it was (or may have been) shown and needs removing. Cancel to skip it.</summary>
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
                await api.PostWebhookAsync(webhook, message.ConversationId, new WebhookTextMessage(new WebhookText(Text)), meter, hooks: null, cancellationToken);
                return false;
            }
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

        // The reaction is optional: it never spends the month's last OpenAPI calls nor the permits waiting answers need.
        if (SkipReason() is { } reason)
        {
            LogIndicatorSkipped(logger, account.Id, message.MessageId, reason);
            metrics?.ThinkingSkipped(account.Id, reason);
            return false;
        }

        var record = Record(message);
        try
        {
            await shown.AddAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not recorded, not shown: a reaction a crash could strand is worse than none.
            LogRecordFailed(logger, ex, account.Id);
            return false;
        }

        // Whether the reaction's request went on the wire: one cancelled or refused while it still waited (for its token or
        // a permit) was never shown, so it costs no recall call (under backlog that call is what the answers need).
        var onWire = false;
        var hooks = new ApiSendHooks
        {
            BeforeSend = _ =>
            {
                onWire = true;
                return Task.CompletedTask;
            },
            Refused = () =>
            {
                onWire = false;
                return Task.CompletedTask;
            },
        };
        try
        {
            await SendAsync("/v1.0/robot/emotion/reply", record, meter, cancellationToken, hooks);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (!onWire)
            {
                // The answer came while the call still waited: nothing reached DingTalk, nothing to take back.
                await ForgetAsync(record.MessageKey);
                return false;
            }

            // The answer came while the call ran: it may have reached DingTalk, so it is recalled like a shown one.
            return true;
        }
        catch (QuotaExhaustedException ex)
        {
            // Refused before it was sent: nothing to take back.
            LogIndicatorFailed(logger, account.Id, ex);
            await ForgetAsync(record.MessageKey);
            return false;
        }
        catch (Exception ex) when (ex is DingTalkApiException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            LogIndicatorFailed(logger, account.Id, ex);
            if (onWire && !PermanentRefusal.Is(ex))
            {
                return true; // may be on screen: recall it like a shown one
            }

            await ForgetAsync(record.MessageKey);
            return false;
        }
    }

    /// <summary>Takes the emotion reaction back (after the answer is out) and forgets its record unless the recall may be retried.</summary>
    public async Task RemoveAsync(InboundMessage message, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        var record = Record(message);
        if (await RecallAsync(record, meter, cancellationToken) is not RecallResult.Retry)
        {
            await ForgetAsync(record.MessageKey);
        }
    }

    /// <summary>
    /// One recall of a recorded reaction: <see cref="RecallResult.Recalled"/>, <see cref="RecallResult.Gone"/> (DingTalk
    /// refused for good, e.g. the reaction is not there) or <see cref="RecallResult.Retry"/> (throttled, 5xx, network).
    /// </summary>
    public async Task<RecallResult> RecallAsync(ShownIndicator record, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync("/v1.0/robot/emotion/recall", record, meter, cancellationToken);
            return RecallResult.Recalled;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return RecallResult.Retry;
        }
        catch (Exception ex) when (ex is DingTalkApiException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            LogIndicatorFailed(logger, account.Id, ex);
            return PermanentRefusal.Is(ex) ? RecallResult.Gone : RecallResult.Retry;
        }
    }

    /// <summary>Drops the record of a reaction (recalled or gone); a failure only means one more recall at the next start.</summary>
    public async Task ForgetAsync(string messageKey)
    {
        try
        {
            await shown.RemoveAsync(account.Id, messageKey, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(logger, ex, account.Id);
        }
    }

    // "quota" when the account's quota group is at the indicator-off step or beyond, "backlog" when the emotion API's
    // bucket has callers waiting or no free permit; null: show it.
    private string? SkipReason() =>
        quota is not null && quota.StepFor(account.Id) >= QuotaStep.IndicatorOff ? "quota"
        : api.IsBacklogged(ApiCallKinds.Emotion) ? "backlog"
        : null;

    // The journal key of a bot message is its msgId (StreamDelivery.MessageKey).
    private ShownIndicator Record(InboundMessage message) => new()
    {
        AccountId = account.Id, MessageKey = message.MessageId, ConversationId = message.ConversationId, MessageId = message.MessageId,
        EmotionName = Text, EmotionId = EmotionId, BackgroundId = BackgroundId, ShownAt = time.GetUtcNow(),
    };

    private Task<EmotionResponse> SendAsync(
        string path, ShownIndicator record, ApiCallMeter meter, CancellationToken cancellationToken, ApiSendHooks? hooks = null)
    {
        var body = new EmotionRequest(
            account.RobotCode, record.MessageId, record.ConversationId, record.EmotionName,
            new TextEmotion(record.EmotionId, record.EmotionName, record.EmotionName, record.BackgroundId));
        return api.SendAsync<EmotionResponse>(
            new ApiRequest(DingTalkHost.Api, HttpMethod.Post, path, body) { Meter = meter, Hooks = hooks, Kind = ApiCallKinds.Emotion }, cancellationToken);
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Debug, Message = "Account {AccountId}: the thinking indicator failed (cosmetic)")]
    private static partial void LogIndicatorFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 2115, Level = LogLevel.Debug, Message = "Account {AccountId}: thinking indicator for {MessageId} skipped ({Reason})")]
    private static partial void LogIndicatorSkipped(ILogger logger, string accountId, string messageId, string reason);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Account {AccountId}: the record of a thinking indicator could not be written")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string accountId);
}
