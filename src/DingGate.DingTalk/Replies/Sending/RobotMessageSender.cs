using System.Text;
using DingGate.Core.Configuration;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;

namespace DingGate.DingTalk.Replies.Sending;

/// <summary>
/// Sends one robot OpenAPI message (a msgKey and its msgParam JSON, spec §4.2–4.4) to a user's 1:1 chat
/// (<c>oToMessages/batchSend</c>) or a group (<c>groupMessages/send</c>). Every failure is a
/// <see cref="MessageSendException"/> naming the target: a user the answer lists as invalid, filtered or
/// flow-controlled (<see cref="OtoRecipients"/>: never a silent success), unknown groups, a
/// msgParam over DingTalk's 15 000 bytes. Returns the processQueryKey (for recall).
/// </summary>
internal sealed class RobotMessageSender(DingTalkAccount account, DingTalkApiClient api)
{
    /// <summary>DingTalk's cap on <c>msgParam</c> (spec §4.3).</summary>
    public const int MaxMsgParamBytes = 15_000;

    public Task<string> SendAsync(MessageTarget target, string msgKey, string msgParam, ApiCallMeter? meter, CancellationToken cancellationToken) =>
        SendAsync(target, msgKey, msgParam, meter, hooks: null, cancellationToken);

    /// <summary>As <see cref="SendAsync(MessageTarget, string, string, ApiCallMeter?, CancellationToken)"/>, with <paramref name="hooks"/> around each attempt.</summary>
    public async Task<string> SendAsync(
        MessageTarget target, string msgKey, string msgParam, ApiCallMeter? meter, ApiSendHooks? hooks, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(msgParam) > MaxMsgParamBytes)
        {
            throw new MessageSendException(target, $"the {msgKey} message is {Encoding.UTF8.GetByteCount(msgParam)} bytes, over DingTalk's {MaxMsgParamBytes}.");
        }

        try
        {
            return target.Kind == MessageTargetKind.User
                ? await SendToUserAsync(target, msgKey, msgParam, meter, hooks, cancellationToken)
                : await SendToGroupAsync(target, msgKey, msgParam, meter, hooks, cancellationToken);
        }
        catch (Quota.QuotaExhaustedException ex)
        {
            throw new MessageSendException(target, "not sent: " + ex.Message, ex);
        }
        catch (DingTalkApiException ex)
        {
            throw new MessageSendException(target, $"DingTalk refused it ({ex.Code ?? "HTTP " + ex.HttpStatus}: {ex.ErrorMessage ?? ex.Message}).", ex);
        }
    }

    private async Task<string> SendToUserAsync(
        MessageTarget target, string msgKey, string msgParam, ApiCallMeter? meter, ApiSendHooks? hooks, CancellationToken cancellationToken)
    {
        var body = new OtoBatchSendRequest(account.RobotCode, [target.Id], msgKey, msgParam);
        var reply = await api.SendAsync<OtoBatchSendResponse>(
            new ApiRequest(DingTalkHost.Api, HttpMethod.Post, "/v1.0/robot/oToMessages/batchSend", body) { Meter = meter, Hooks = hooks, Kind = ApiCallKinds.OtoSend },
            cancellationToken);
        var outcome = OtoRecipients.Outcomes(reply, [target.Id])[target.Id];
        if (outcome != RecipientOutcome.Delivered)
        {
            var reason = OtoRecipients.Describe(outcome, target.Id);
            throw new MessageSendException(target, reason, new RecipientRefusedException(outcome, reason));
        }

        return reply.ProcessQueryKey ?? string.Empty;
    }

    private async Task<string> SendToGroupAsync(
        MessageTarget target, string msgKey, string msgParam, ApiCallMeter? meter, ApiSendHooks? hooks, CancellationToken cancellationToken)
    {
        var body = new GroupSendRequest(account.RobotCode, target.Id, msgKey, msgParam);
        var reply = await api.SendAsync<GroupSendResponse>(
            new ApiRequest(DingTalkHost.Api, HttpMethod.Post, "/v1.0/robot/groupMessages/send", body) { Meter = meter, Hooks = hooks, Kind = ApiCallKinds.GroupSend },
            cancellationToken);
        return reply.ProcessQueryKey ?? string.Empty;
    }
}
