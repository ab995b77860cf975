using DingGate.Core.Replies;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>An <see cref="OutboundFile"/> that passed <see cref="OutboundMediaLimits.Check"/>: what to upload and how it is sent.</summary>
/// <param name="File">The file.</param>
/// <param name="UploadType">The <c>type</c> of <c>/media/upload</c>: image, voice or file.</param>
/// <param name="Extension">Lower-case extension of the path, without the dot.</param>
/// <param name="Size">Bytes on disk (before any packing).</param>
/// <param name="DisplayName">Name shown to users (<see cref="OutboundFile.FileName"/> or the file name of the path).</param>
/// <param name="Delivery">How it reaches the chat.</param>
internal sealed record CheckedMedia(OutboundFile File, string UploadType, string Extension, long Size, string DisplayName, MediaDelivery Delivery)
{
    /// <summary>True when the file is packed into a .zip before the upload.</summary>
    public bool Zipped => Delivery == MediaDelivery.ZippedFile;

    /// <summary>The robot message template that carries it.</summary>
    public string MsgKey => Delivery switch
    {
        MediaDelivery.Image => "sampleImageMsg",
        MediaDelivery.Audio => "sampleAudio",
        _ => "sampleFile",
    };

    /// <summary>Name of the file inside the zip (when <see cref="Zipped"/>): the display name when it keeps the extension, else the path's name.</summary>
    public string InnerName =>
        string.Equals(Path.GetExtension(DisplayName).TrimStart('.'), Extension, StringComparison.OrdinalIgnoreCase) ? DisplayName : Path.GetFileName(File.Path);

    /// <summary>The <c>filename</c> of the uploaded <c>media</c> part (DingTalk checks its extension against the type).</summary>
    public string UploadFileName => Zipped ? InnerName + ".zip" : Path.GetFileName(File.Path);

    /// <summary><c>fileName</c> of the <c>sampleFile</c> message.</summary>
    public string MessageFileName => Zipped ? InnerName + ".zip" : DisplayName;

    /// <summary><c>fileType</c> of the <c>sampleFile</c> message: always one DingTalk documents.</summary>
    public string MessageFileType => Zipped ? "zip" : Extension;

    /// <summary>The MIME type sent with the file part.</summary>
    public string ContentType => Zipped ? "application/zip" : ContentTypeOf(Extension);

    private static string ContentTypeOf(string extension) => extension switch
    {
        "jpg" or "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        "amr" => "audio/amr",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "rar" => "application/vnd.rar",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };
}
