using System.Text.Json;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;

namespace DingGate.DingTalk.Replies;

/// <summary>
/// Sends a text to one user's 1:1 chat with the bot through the robot OpenAPI (<c>oToMessages/batchSend</c>), for
/// messages that answer no inbound message (e.g. "you are approved"). An unknown or flow-controlled user is an error,
/// never a silent success.
/// </summary>
internal sealed class DirectTextSender(DingTalkAccount account, DingTalkApiClient api)
{
    public async Task<string> SendAsync(string userId, string text, CancellationToken cancellationToken)
    {
        var param = JsonSerializer.Serialize(new SampleTextParam(text), DingTalkJsonContext.Wire.SampleTextParam);
        var body = new OtoBatchSendRequest(account.RobotCode, [userId], "sampleText", param);
        var reply = await api.SendAsync<OtoBatchSendResponse>(
            new ApiRequest(DingTalkHost.Api, HttpMethod.Post, "/v1.0/robot/oToMessages/batchSend", body), cancellationToken);
        if (reply.InvalidStaffIdList?.Contains(userId) == true || reply.FlowControlledStaffIdList?.Contains(userId) == true)
        {
            var why = reply.InvalidStaffIdList?.Contains(userId) == true ? "is not a valid staff id" : "is flow-controlled by DingTalk";
            throw new DingTalkApiException($"Cannot send to user '{userId}' of account '{account.Id}': the user {why}.");
        }

        return reply.ProcessQueryKey ?? string.Empty;
    }
}
