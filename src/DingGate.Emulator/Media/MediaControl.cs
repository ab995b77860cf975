using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DingGate.Emulator.Media;

/// <summary>
/// <c>GET /_emulator/media</c>: every uploaded file and every file attached to an injected message (no bytes);
/// <c>GET /_emulator/media/content?key=<c>GET /_emulator/media/{idOrMediaId}/content</c>lt;id or media_id<c>GET /_emulator/media/{idOrMediaId}/content</c>gt;</c>: the bytes, for the control page to show what the bot sent or got.
/// </summary>
internal static class MediaControl
{
    public static void MapMediaControl(this RouteGroupBuilder group)
    {
        group.MapGet("/media", (MediaStore store) => Results.Json(store.All.Select(m => new
        {
            id = m.Id, source = m.Source, robotCode = m.RobotCode, type = m.Type, fileName = m.FileName, contentType = m.ContentType,
            size = m.Bytes.Length, createdAt = m.CreatedAt, downloadCode = m.DownloadCode, pictureDownloadCode = m.PictureDownloadCode,
            mediaId = m.MediaId,
        })));
        group.MapGet("/media/content", (string key, MediaStore store) =>
            (store.FindById(key) ?? store.FindByMediaId(key)) is { } media
                ? Results.File(media.Bytes, media.ContentType, media.FileName)
                : Control.ControlResults.NotFound($"No media with id or media_id '{key}'."));
    }
}
