using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>An <see cref="OutboundFile"/> that passed <see cref="OutboundMediaLimits.Check"/>: what to upload and how.</summary>
/// <param name="File">The file.</param>
/// <param name="UploadType">The <c>type</c> of <c>/media/upload</c>: image, voice, video or file.</param>
/// <param name="Extension">Lower-case extension of the path, without the dot.</param>
/// <param name="Size">Bytes on disk.</param>
/// <param name="DisplayName">Name shown to users (<see cref="OutboundFile.FileName"/> or the file name of the path).</param>
internal sealed record CheckedMedia(OutboundFile File, string UploadType, string Extension, long Size, string DisplayName)
{
    /// <summary>The MIME type sent with the file part.</summary>
    public string ContentType => Extension switch
    {
        "jpg" or "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        "amr" => "audio/amr",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "rar" => "application/vnd.rar",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    };
}
