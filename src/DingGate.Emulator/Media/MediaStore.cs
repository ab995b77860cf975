using System.Collections.Concurrent;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Media;

/// <summary>
/// Files attached to injected messages (addressed by download code, bound to one robot) and files uploaded through
/// <c>/media/upload</c> (addressed by <c>media_id</c>). Kept in memory for the emulator's lifetime.
/// </summary>
internal sealed class MediaStore(EmulatorOptions options, IdGenerator ids, MediaLimits limits)
{
    private readonly ConcurrentDictionary<string, StoredMedia> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredMedia> _byDownloadCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredMedia> _byMediaId = new(StringComparer.Ordinal);

    public IReadOnlyList<StoredMedia> All => _byId.Values.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();

    /// <summary>Registers a file a user sent to <paramref name="robotCode"/>; pictures also get a pictureDownloadCode.</summary>
    public StoredMedia RegisterMessageFile(string robotCode, string msgType, string fileName, string contentType, byte[] bytes)
    {
        var media = new StoredMedia
        {
            Id = ids.NewHex(32), Source = "message", RobotCode = robotCode, Type = msgType, FileName = fileName, ContentType = contentType,
            Bytes = bytes, CreatedAt = options.TimeProvider.GetUtcNow(), DownloadCode = ids.NewBase64Id(44),
            PictureDownloadCode = msgType == "picture" ? ids.NewBase64Id(44) : null,
        };
        _byId[media.Id] = media;
        _byDownloadCode[media.DownloadCode] = media;
        if (media.PictureDownloadCode is not null)
        {
            _byDownloadCode[media.PictureDownloadCode] = media;
        }

        return media;
    }

    /// <summary>Stores an upload and gives it a <c>media_id</c> shaped like DingTalk's (<c>@lADP…</c>), URL-safe for markdown image links.</summary>
    public StoredMedia RegisterUpload(string robotCode, string type, string fileName, string contentType, byte[] bytes)
    {
        var media = new StoredMedia
        {
            Id = ids.NewHex(32), Source = "upload", RobotCode = robotCode, Type = type, FileName = fileName, ContentType = contentType,
            Bytes = bytes, CreatedAt = options.TimeProvider.GetUtcNow(), MediaId = "@lADP" + ids.NewBase64Id(30).Replace('+', 'A').Replace('/', 'B'),
        };
        _byId[media.Id] = media;
        _byMediaId[media.MediaId] = media;
        return media;
    }

    public StoredMedia? FindById(string id) => _byId.TryGetValue(id, out var m) ? m : null;

    public StoredMedia? FindByMediaId(string? mediaId) => mediaId is not null && _byMediaId.TryGetValue(mediaId, out var m) ? m : null;

    /// <summary>The file behind a download code, or null when unknown or expired.</summary>
    public StoredMedia? FindByDownloadCode(string? code)
    {
        if (code is null || !_byDownloadCode.TryGetValue(code, out var media))
        {
            return null;
        }

        return limits.DownloadCodeLifetime is { } lifetime && media.CreatedAt + lifetime <= options.TimeProvider.GetUtcNow() ? null : media;
    }
}
