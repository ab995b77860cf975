using System.Globalization;
using System.Text.Json;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Replies.Sending;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// Sends an uploaded file as one robot OpenAPI message (spec §4.4, KB 0699): image → <c>sampleImageMsg</c>
/// <c>{photoURL}</c>, amr voice → <c>sampleAudio</c> <c>{mediaId, duration (ms as text)}</c>, file →
/// <c>sampleFile</c> <c>{mediaId, fileName, fileType}</c> with a documented fileType (zipped files: <c>zip</c>).
/// Returns the processQueryKey; failures are <see cref="MessageSendException"/>s naming the target.
/// </summary>
internal sealed class MediaMessageSender(RobotMessageSender robot)
{
    /// <summary>Checks <paramref name="file"/> (see <see cref="OutboundMediaLimits.Check"/>) and sends it.</summary>
    public Task<string> SendAsync(MessageTarget target, OutboundFile file, string mediaId, ApiCallMeter? meter, CancellationToken cancellationToken) =>
        SendAsync(target, OutboundMediaLimits.Check(file), mediaId, meter, cancellationToken);

    public Task<string> SendAsync(MessageTarget target, CheckedMedia media, string mediaId, ApiCallMeter? meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentException.ThrowIfNullOrEmpty(mediaId);
        var param = media.Delivery switch
        {
            MediaDelivery.Image => JsonSerializer.Serialize(new SampleImageMsgParam(mediaId), DingTalkJsonContext.Wire.SampleImageMsgParam),
            MediaDelivery.Audio => JsonSerializer.Serialize(new SampleAudioParam(mediaId, DurationOf(target, media)), DingTalkJsonContext.Wire.SampleAudioParam),
            _ => JsonSerializer.Serialize(new SampleFileParam(mediaId, media.MessageFileName, media.MessageFileType), DingTalkJsonContext.Wire.SampleFileParam),
        };
        return robot.SendAsync(target, media.MsgKey, param, meter, cancellationToken);
    }

    private static string DurationOf(MessageTarget target, CheckedMedia media) =>
        media.File.Duration is { } duration && duration > TimeSpan.Zero
            ? ((long)Math.Round(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)
            : throw new MessageSendException(target, $"voice file '{media.DisplayName}' has no duration (DingTalk needs it for sampleAudio).");
}
