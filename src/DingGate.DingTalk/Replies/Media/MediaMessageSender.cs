using System.Globalization;
using System.Text.Json;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Replies.Sending;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// Sends an uploaded file as one robot OpenAPI message (spec §4.4): image → <c>sampleImageMsg</c> <c>{photoURL}</c>,
/// voice → <c>sampleAudio</c> <c>{mediaId, duration (ms as text)}</c>, anything else → <c>sampleFile</c>
/// <c>{mediaId, fileName, fileType}</c>. Returns the processQueryKey; failures are <see cref="MessageSendException"/>s
/// naming the target.
/// </summary>
internal sealed class MediaMessageSender(RobotMessageSender robot)
{
    public Task<string> SendAsync(MessageTarget target, OutboundFile file, string mediaId, ApiCallMeter? meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(mediaId);
        var (key, param) = file.Kind switch
        {
            OutboundFileKind.Image => ("sampleImageMsg", JsonSerializer.Serialize(new SampleImageMsgParam(mediaId), DingTalkJsonContext.Wire.SampleImageMsgParam)),
            OutboundFileKind.Voice => ("sampleAudio", JsonSerializer.Serialize(new SampleAudioParam(mediaId, DurationOf(target, file)), DingTalkJsonContext.Wire.SampleAudioParam)),
            _ => ("sampleFile", JsonSerializer.Serialize(
                new SampleFileParam(mediaId, file.FileName ?? Path.GetFileName(file.Path), Path.GetExtension(file.Path).TrimStart('.').ToLowerInvariant()),
                DingTalkJsonContext.Wire.SampleFileParam)),
        };
        return robot.SendAsync(target, key, param, meter, cancellationToken);
    }

    private static string DurationOf(MessageTarget target, OutboundFile file) =>
        file.Duration is { } duration && duration > TimeSpan.Zero
            ? ((long)Math.Round(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)
            : throw new MessageSendException(target, $"voice file '{file.FileName ?? Path.GetFileName(file.Path)}' has no duration (DingTalk needs it for sampleAudio).");
}
