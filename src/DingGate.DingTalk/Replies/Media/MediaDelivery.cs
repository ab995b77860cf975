namespace DingGate.DingTalk.Replies.Media;

/// <summary>How a checked file reaches the chat (see <see cref="OutboundMediaLimits"/>).</summary>
internal enum MediaDelivery
{
    /// <summary>Uploaded as <c>image</c>, shown as <c>sampleImageMsg</c> (or embedded in a reply's markdown).</summary>
    Image,

    /// <summary>An amr voice: uploaded as <c>voice</c>, sent as <c>sampleAudio</c>.</summary>
    Audio,

    /// <summary>A documented <c>sampleFile</c> type (xlsx, pdf, zip, rar, doc, docx): uploaded as <c>file</c> unchanged.</summary>
    File,

    /// <summary>A type DingTalk's upload takes but <c>sampleFile</c> does not document (xls, ppt, pptx, mp4): packed into a .zip, sent as <c>sampleFile</c> with fileType zip.</summary>
    ZippedFile,
}
