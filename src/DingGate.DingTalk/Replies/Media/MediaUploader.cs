using System.IO.Compression;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// Uploads a local file to oapi <c>POST /media/upload</c> (spec §5.2) and returns its media id. Format and size are
/// checked first (<see cref="OutboundMediaLimits"/>): a file DingTalk would refuse is never uploaded. The multipart body
/// is <see cref="MediaUploadContent"/> (the reference clients' shape: <c>type</c> field + file part <c>media</c> with a
/// quoted UTF-8 <c>filename</c>), streamed and rebuilt for every attempt; <c>type</c> is also in the query (DingTalk's
/// doc: C# callers get 40004 otherwise). Files sent zipped (<see cref="MediaDelivery.ZippedFile"/>) are packed in
/// memory once (at most 20 MB each, checked before). Every failure is a <see cref="MediaRejectedException"/> naming the file.
/// </summary>
internal sealed class MediaUploader(DingTalkApiClient api)
{
    public const string UploadPath = "/media/upload";

    /// <summary>Checks and uploads <paramref name="file"/>; throws <see cref="MediaRejectedException"/> naming it when it cannot be sent.</summary>
    public async Task<string> UploadAsync(OutboundFile file, ApiCallMeter? meter, CancellationToken cancellationToken) =>
        await UploadAsync(OutboundMediaLimits.Check(file), meter, cancellationToken);

    /// <summary>Uploads an already checked file.</summary>
    public async Task<string> UploadAsync(CheckedMedia media, ApiCallMeter? meter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        var zipped = media.Zipped ? await ZipAsync(media, cancellationToken) : null;
        // The endpoint (metrics tag, error text) stays the bare path; the query carries type (the token is appended after it).
        var url = new Uri(api.Account.OapiBaseUrl.AbsoluteUri.TrimEnd('/') + UploadPath + "?type=" + Uri.EscapeDataString(media.UploadType));
        var request = new ApiRequest(DingTalkHost.Oapi, HttpMethod.Post, UploadPath)
        {
            AbsoluteUrl = url,
            Content = () => new MediaUploadContent(media.UploadType, media.UploadFileName, media.ContentType, zipped is null ? OpenFile(media) : new MemoryStream(zipped, writable: false)),
            Meter = meter,
            Kind = ApiCallKinds.MediaUpload,
            RetryServerErrors = true,
        };
        MediaUploadResponse response;
        try
        {
            response = await api.SendAsync<MediaUploadResponse>(request, cancellationToken);
        }
        catch (DingTalkApiException ex)
        {
            // 40004/40005/40006 (type, format, size), 41005 (no media part) and any other refusal, named by the file.
            throw new MediaRejectedException(
                $"File '{media.DisplayName}' ({OutboundMediaLimits.Describe(zipped?.LongLength ?? media.Size)}, {media.UploadType}) could not be uploaded: DingTalk answered {ex.Code ?? "HTTP " + ex.HttpStatus}: {ex.ErrorMessage ?? ex.Message}.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MediaRejectedException($"File '{media.DisplayName}' cannot be sent: '{media.File.Path}' cannot be read ({ex.Message}).", ex);
        }

        return response.MediaId is { Length: > 0 } id
            ? id
            : throw new DingTalkApiException($"DingTalk's upload of '{media.DisplayName}' answered without a media_id.");
    }

    // Opened per attempt and disposed with the request: the file is streamed, never held in memory.
    private static FileStream OpenFile(CheckedMedia media) =>
        new(media.File.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true);

    /// <summary>Packs the file into a one-entry zip (entry time = the file's own write time) and checks the zip's size.</summary>
    private static async Task<byte[]> ZipAsync(CheckedMedia media, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        try
        {
            await using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                var entry = archive.CreateEntry(media.InnerName, CompressionLevel.Optimal);
                entry.LastWriteTime = File.GetLastWriteTime(media.File.Path);
                await using var target = await entry.OpenAsync(cancellationToken);
                await using var source = OpenFile(media);
                await source.CopyToAsync(target, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MediaRejectedException($"File '{media.DisplayName}' cannot be sent: '{media.File.Path}' cannot be read ({ex.Message}).", ex);
        }

        if (buffer.Length > OutboundMediaLimits.FileMaxBytes)
        {
            throw new MediaRejectedException(
                $"File '{media.DisplayName}' cannot be sent: zipped it is {OutboundMediaLimits.Describe(buffer.Length)}, over DingTalk's limit of {OutboundMediaLimits.Describe(OutboundMediaLimits.FileMaxBytes)} for file uploads.");
        }

        return buffer.ToArray();
    }
}
