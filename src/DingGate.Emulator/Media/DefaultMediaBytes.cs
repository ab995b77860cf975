namespace DingGate.Emulator.Media;

/// <summary>
/// Small but valid-looking default contents for message files when an inject request brings no bytes: a 1×1 PNG,
/// an AMR header, a minimal MP4 <c>ftyp</c> box and a one-page PDF, so clients that sniff magic numbers are happy.
/// </summary>
internal static class DefaultMediaBytes
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static readonly byte[] Amr = [.. "#!AMR\n"u8, 0x3C, 0x48, 0xF5, 0x1F, 0x96, 0x66, 0x79, 0xE1, 0xE0, 0x01, 0xE7, 0x8A, 0xF0, 0x00];

    private static readonly byte[] Mp4 =
    [
        0x00, 0x00, 0x00, 0x18, .. "ftypmp42"u8, 0x00, 0x00, 0x00, 0x00, .. "mp42isom"u8,
        0x00, 0x00, 0x00, 0x08, .. "free"u8,
    ];

    private static readonly byte[] Pdf =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    /// <summary>Default file name, content type and bytes for a message media type.</summary>
    public static (string FileName, string ContentType, byte[] Bytes) For(string msgType) => msgType switch
    {
        "picture" => ("image.png", "image/png", Png),
        "audio" => ("voice.amr", "audio/amr", Amr),
        "video" => ("video.mp4", "video/mp4", Mp4),
        _ => ("document.pdf", "application/pdf", Pdf),
    };
}
