using System.Net.Http.Headers;
using DingGate.DingTalk.Api.Models;
using Microsoft.Extensions.Logging;

namespace DingGate.DingTalk.Api;

/// <summary>
/// Downloads a file a user sent to the bot (spec §5.1): download code → signed URL (through the send core) → GET of
/// that URL, refused unless its host is allowed (<see cref="DingTalkUrlPolicy"/>), capped at the account's
/// <c>MaxMediaBytes</c> (Content-Length checked first, then counted while reading; no partial file is left), saved
/// under the caller's directory with a safe, unique file name.
/// </summary>
internal sealed partial class MediaDownloader(DingTalkApiClient client, ILogger<MediaDownloader> logger)
{
    private const string DownloadPath = "/v1.0/robot/messageFiles/download";

    /// <summary>
    /// Downloads <paramref name="downloadCode"/> into <paramref name="directory"/> (created if missing).
    /// <paramref name="fileNameHint"/> is the message's file name (<c>content.fileName</c>), preferred over the server's.
    /// </summary>
    public async Task<MediaDownloadResult> DownloadAsync(string downloadCode, string directory, string? fileNameHint, CancellationToken cancellationToken)
    {
        var answer = await client.SendAsync<MessageFileDownloadResponse>(
            new ApiRequest(DingTalkHost.Api, HttpMethod.Post, DownloadPath, new MessageFileDownloadRequest(downloadCode, client.Account.RobotCode))
            {
                RetryServerErrors = true,
            },
            cancellationToken);
        if (!Uri.TryCreate(answer.DownloadUrl, UriKind.Absolute, out var url))
        {
            throw new DingTalkApiException("DingTalk returned no usable downloadUrl for a message file.");
        }

        client.Urls.EnsureDownload(url);
        var get = new ApiRequest(DingTalkHost.Api, HttpMethod.Get, "(media download url)", null, ApiAuth.None)
        {
            AbsoluteUrl = url,
            RateLimited = false,
            RetryServerErrors = true,
        };
        return await client.ExecuteAsync(get, bufferBody: false, (response, _, ct) => SaveAsync(response, directory, fileNameHint, ct), cancellationToken);
    }

    private async Task<MediaDownloadResult> SaveAsync(HttpResponseMessage response, string directory, string? fileNameHint, CancellationToken cancellationToken)
    {
        // If a handler followed a redirect despite CreateHandler, the final URL must still be an allowed one.
        if (response.RequestMessage?.RequestUri is { } final)
        {
            client.Urls.EnsureDownload(final);
        }

        var limit = client.Account.MaxMediaBytes;
        var headers = response.Content.Headers;
        if (headers.ContentLength is { } announced && announced > limit)
        {
            throw new MediaTooLargeException(limit, announced);
        }

        var contentType = headers.ContentType?.MediaType;
        var fileName = SafeFileName.Choose(contentType, fileNameHint, ServerFileName(headers.ContentDisposition));
        await using var input = await response.Content.ReadAsStreamAsync(cancellationToken);
        var (path, size) = await MediaFileWriter.WriteAsync(input, directory, fileName, limit, cancellationToken);
        var savedName = Path.GetFileName(path);
        LogDownloaded(logger, client.Account.Id, savedName, size, contentType);
        return new MediaDownloadResult(path, size, contentType, savedName);
    }

    private static string? ServerFileName(ContentDispositionHeaderValue? disposition)
    {
        var name = disposition?.FileNameStar ?? disposition?.FileName;
        return name?.Trim('"');
    }
}
