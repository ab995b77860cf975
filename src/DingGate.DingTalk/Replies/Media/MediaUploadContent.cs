using System.Globalization;
using System.Net;
using System.Text;

namespace DingGate.DingTalk.Replies.Media;

/// <summary>
/// The <c>multipart/form-data</c> body of <c>POST oapi /media/upload</c>, written the way DingTalk's reference clients
/// write it (SDK-py <c>requests</c> <c>files=</c>, curl <c>-F</c>, Node <c>form-data</c>) rather than the way .NET's
/// <see cref="MultipartFormDataContent"/> does (quoted boundary, unquoted <c>name=</c>, an extra <c>filename*</c>, a
/// MIME-encoded <c>filename</c> for non-ASCII names — the shape DingTalk's upload doc warns about for C# callers):
/// <code>
/// Content-Type: multipart/form-data; boundary=&lt;b&gt;
///
/// --&lt;b&gt;
/// Content-Disposition: form-data; name="type"
///
/// file
/// --&lt;b&gt;
/// Content-Disposition: form-data; name="media"; filename="报价单.pdf"
/// Content-Type: application/pdf
///
/// &lt;bytes&gt;
/// --&lt;b&gt;--
/// </code>
/// The file name is raw UTF-8 inside the quotes (as browsers, curl and requests send it), with <c>"</c>, CR and LF
/// percent-escaped as the HTML form encoding does. The file is streamed; the length is known, so no chunked encoding.
/// </summary>
internal sealed class MediaUploadContent : HttpContent
{
    private const string CrLf = "\r\n";
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly System.IO.Stream _media;

    /// <param name="type">The upload type (image, voice, video, file).</param>
    /// <param name="fileName">File name sent in the <c>media</c> part.</param>
    /// <param name="contentType">MIME type of the <c>media</c> part.</param>
    /// <param name="media">The bytes; owned (disposed) by this content.</param>
    /// <param name="boundary">Boundary (tests); a fresh random one when null.</param>
    public MediaUploadContent(string type, string fileName, string contentType, System.IO.Stream media, string? boundary = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(media);
        Boundary = boundary ?? "----DingGateBoundary" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        _media = media;
        var head = new StringBuilder()
            .Append("--").Append(Boundary).Append(CrLf)
            .Append("Content-Disposition: form-data; name=\"type\"").Append(CrLf)
            .Append(CrLf)
            .Append(type).Append(CrLf)
            .Append("--").Append(Boundary).Append(CrLf)
            .Append("Content-Disposition: form-data; name=\"media\"; filename=\"").Append(EscapeFileName(fileName)).Append('"').Append(CrLf)
            .Append("Content-Type: ").Append(contentType).Append(CrLf)
            .Append(CrLf);
        _head = Encoding.UTF8.GetBytes(head.ToString());
        _tail = Encoding.ASCII.GetBytes(CrLf + "--" + Boundary + "--" + CrLf);

        // MediaTypeHeaderValue would quote nothing here, but build the header text ourselves so the boundary stays a bare token.
        Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + Boundary);
    }

    /// <summary>The boundary (a token: letters, digits and '-', never quoted).</summary>
    public string Boundary { get; }

    /// <summary>
    /// The file name as it goes between the quotes: <c>"</c> → <c>%22</c>, CR → <c>%0D</c>, LF → <c>%0A</c> (the HTML
    /// form encoding of browsers and curl); everything else, non-ASCII included, unchanged (written as UTF-8).
    /// </summary>
    public static string EscapeFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.Replace("\"", "%22", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);
    }

    protected override async Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_head, cancellationToken);
        await _media.CopyToAsync(stream, 81_920, cancellationToken);
        await stream.WriteAsync(_tail, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        if (_media.CanSeek)
        {
            length = _head.Length + (_media.Length - _media.Position) + _tail.Length;
            return true;
        }

        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _media.Dispose();
        }

        base.Dispose(disposing);
    }
}
