using System.Net.Http.Headers;
using DingGate.Core.Replies;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// Uploads a local file to oapi <c>POST /media/upload</c> (spec §5.2) and returns its media id. Format and size are
/// checked first (<see cref="OutboundMediaLimits"/>): a file DingTalk would refuse is never uploaded. The multipart body
/// (<c>type</c> field + file part <c>media</c>) streams the file and is rebuilt for every attempt; <c>type</c> is also
/// in the query (C# callers get 40004 otherwise). Every failure is a <see cref="MediaRejectedException"/> naming the file.
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
        // The endpoint (metrics tag, error text) stays the bare path; the query carries type (the token is appended after it).
        var url = new Uri(api.Account.OapiBaseUrl.AbsoluteUri.TrimEnd('/') + UploadPath + "?type=" + Uri.EscapeDataString(media.UploadType));
        var request = new ApiRequest(DingTalkHost.Oapi, HttpMethod.Post, UploadPath)
        {
            AbsoluteUrl = url,
            Content = () => BuildContent(media),
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
            // 40004/40005/40006 (type, format, size) and any other refusal, named by the file.
            throw new MediaRejectedException(
                $"File '{media.DisplayName}' ({OutboundMediaLimits.Describe(media.Size)}, {media.UploadType}) could not be uploaded: DingTalk answered {ex.Code ?? "HTTP " + ex.HttpStatus}: {ex.ErrorMessage ?? ex.Message}.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MediaRejectedException($"File '{media.DisplayName}' cannot be sent: '{media.File.Path}' cannot be read ({ex.Message}).", ex);
        }

        return response.MediaId is { Length: > 0 } id
            ? id
            : throw new DingTalkApiException($"DingTalk's upload of '{media.DisplayName}' answered without a media_id.");
    }

    private static MultipartFormDataContent BuildContent(CheckedMedia media)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(media.UploadType), "type");
        // Opened per attempt and disposed with the request: the file is streamed, never held in memory.
        var file = new StreamContent(new FileStream(media.File.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true));
        file.Headers.ContentType = new MediaTypeHeaderValue(media.ContentType);
        form.Add(file, "media", Path.GetFileName(media.File.Path));
        return form;
    }
}
