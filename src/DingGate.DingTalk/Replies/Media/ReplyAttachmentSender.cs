using DingGate.Core.Inbound;
using DingGate.Core.Replies;
using DingGate.Core.Texts;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Quota;
using DingGate.DingTalk.Replies.Sending;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// The files of a reply (spec §4.1, §4.4, §5.2): images are uploaded and shown inside the answer's markdown
/// (<c>![name](mediaId)</c>: a media id works as an image URL there), other files follow the answer as their own
/// messages. A file that cannot be sent never costs the answer: it becomes a short note naming it.
/// </summary>
internal sealed partial class ReplyAttachmentSender(
    string accountId, MediaUploader uploader, MediaMessageSender media, RobotMessageSender robot, ILogger<ReplyAttachmentSender> logger,
    LiveAccount? live = null)
{
    // The notes are in the account's locale as it is now (a reload may change it); the default without a live account.
    private BotLocale Locale => live?.Current.Locale ?? BotLocales.Default;

    /// <summary>
    /// Checks <paramref name="files"/> against DingTalk's limits without uploading: returns those that can be sent and
    /// adds a note (<see cref="NoteFor"/>) to <paramref name="notes"/> for each that cannot.
    /// </summary>
    public static IReadOnlyList<OutboundFile> Screen(IReadOnlyList<OutboundFile> files, ICollection<string> notes, BotLocale locale)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(notes);
        var accepted = new List<OutboundFile>(files.Count);
        foreach (var file in files)
        {
            try
            {
                OutboundMediaLimits.Check(file);
                accepted.Add(file);
            }
            catch (MediaRejectedException ex)
            {
                notes.Add(NoteFor(ex, locale));
            }
        }

        return accepted;
    }

    /// <summary>"⚠️ 文件未能发送：File 'x.pdf' …" for a failure (the file is named even when the error does not; texts: <see cref="ReplyTexts"/>).</summary>
    public static string NoteFor(Exception failure, BotLocale locale, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var prefix = ReplyTexts.FileNotSent.For(locale);
        if (failure is QuotaExhaustedException)
        {
            // Uploading is an OpenAPI call: refused at the webhook-only step, said in the user's words.
            var quota = ReplyTexts.QuotaFile.For(locale);
            return fileName is null ? prefix + quota : $"{prefix}'{fileName}'{ReplyTexts.FailedReasonSeparator.For(locale)}{quota}";
        }

        return fileName is null || failure.Message.Contains(fileName, StringComparison.Ordinal)
            ? prefix + failure.Message
            : $"{prefix}'{fileName}': {failure.Message}";
    }

    /// <summary>
    /// Uploads every image and returns markdown with one <c>![name](mediaId)</c> line per image; an image that cannot
    /// be sent is a quoted note line naming it instead. Empty when <paramref name="images"/> is.
    /// </summary>
    public async Task<string> EmbedImagesAsync(IReadOnlyList<OutboundFile> images, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var lines = new List<string>(images.Count);
        foreach (var image in images)
        {
            var name = image.FileName ?? Path.GetFileName(image.Path);
            try
            {
                var mediaId = await uploader.UploadAsync(image, meter, cancellationToken);
                lines.Add($"![{AltText(name)}]({mediaId})");
            }
            catch (Exception ex) when (IsSendFailure(ex))
            {
                LogFileFailed(logger, accountId, name, ex);
                lines.Add("> " + NoteFor(ex, Locale, name));
            }
        }

        return string.Join("\n\n", lines);
    }

    /// <summary>
    /// Uploads and sends each file as its own message to <paramref name="target"/> (after the answer). Files that fail
    /// do not stop the others; they are named in one follow-up text message. Returns the messages sent (notes included).
    /// </summary>
    public async Task<int> SendFilesAsync(MessageTarget target, IReadOnlyList<OutboundFile> files, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sent = 0;
        var failures = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var checkedFile = OutboundMediaLimits.Check(file);
                var mediaId = await uploader.UploadAsync(checkedFile, meter, cancellationToken);
                await media.SendAsync(target, checkedFile, mediaId, meter, cancellationToken);
                sent++;
            }
            catch (Exception ex) when (IsSendFailure(ex))
            {
                var name = file.FileName ?? Path.GetFileName(file.Path);
                LogFileFailed(logger, accountId, name, ex);
                failures.Add(NoteFor(ex, Locale, name));
            }
        }

        if (failures.Count > 0)
        {
            var param = System.Text.Json.JsonSerializer.Serialize(new SampleTextParam(string.Join("\n", failures)), DingTalkJsonContext.Wire.SampleTextParam);
            await robot.SendAsync(target, "sampleText", param, meter, cancellationToken);
            sent++;
        }

        return sent;
    }

    /// <summary>
    /// Checks every file, uploads the images and plans the rest (see <see cref="ReplyFilesPlan"/>). Never throws for a
    /// file that cannot be sent: it becomes a note.
    /// </summary>
    public async Task<ReplyFilesPlan> PrepareAsync(IReadOnlyList<OutboundFile> files, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return ReplyFilesPlan.None;
        }

        var notes = new List<string>();
        var others = Screen(files.Where(f => f.Kind != OutboundFileKind.Image).ToList(), notes, Locale);
        var images = await EmbedImagesAsync(files.Where(f => f.Kind == OutboundFileKind.Image).ToList(), meter, cancellationToken);
        var parts = new List<string>();
        if (images.Length > 0)
        {
            parts.Add(images);
        }

        parts.AddRange(notes.Select(n => "> " + n));
        return new ReplyFilesPlan(string.Join("\n\n", parts), others);
    }

    /// <summary>
    /// Sends the planned follow-up files into the conversation of <paramref name="message"/> after its answer went
    /// out. Returns the messages sent and, instead of throwing, the error when they could not be sent (the answer is
    /// already delivered; the outcome carries the error).
    /// </summary>
    public async Task<(int Messages, string? Error)> SendFollowUpsAsync(
        InboundMessage message, ReplyFilesPlan plan, ApiCallMeter meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.FollowUps.Count == 0)
        {
            return (0, null);
        }

        try
        {
            return (await SendFilesAsync(ConversationReplier.TargetOf(message), plan.FollowUps, meter, cancellationToken), null);
        }
        catch (Exception ex) when (IsSendFailure(ex))
        {
            return (0, ex.Message);
        }
    }

    private static bool IsSendFailure(Exception ex) => ex is MediaRejectedException or MessageSendException or DingTalkApiException or HttpRequestException;

    private static string AltText(string name) => name.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);

    [LoggerMessage(EventId = 2142, Level = LogLevel.Warning, Message = "Account {AccountId}: reply file {FileName} could not be sent; the answer carries a note instead")]
    private static partial void LogFileFailed(ILogger logger, string accountId, string fileName, Exception exception);
}
