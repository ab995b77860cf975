using System.Text.Json;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Replies.Sending;

namespace DingGate.DingTalk.Replies;

/// <summary>
/// Sends a text to one user's 1:1 chat with the bot through the robot OpenAPI, for messages that answer no inbound
/// message (e.g. "you are approved"). An unknown or flow-controlled user is an error, never a silent success.
/// </summary>
internal sealed class DirectTextSender(RobotMessageSender sender)
{
    public Task<string> SendAsync(string userId, string text, CancellationToken cancellationToken)
    {
        var param = JsonSerializer.Serialize(new SampleTextParam(text), DingTalkJsonContext.Wire.SampleTextParam);
        return sender.SendAsync(new MessageTarget(MessageTargetKind.User, userId), "sampleText", param, meter: null, cancellationToken);
    }
}
