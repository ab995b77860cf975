using System.Net.Http.Headers;
using System.Text;

namespace DingGate.Emulator.Tests.Support;

/// <summary>
/// Builds a multipart body byte by byte, so tests control every header, quote and delimiter (the shapes of curl,
/// requests, old urllib3 and .NET's MultipartFormDataContent alike). Header text is written as UTF-8.
/// </summary>
internal sealed class RawMultipart(string boundary = "b0undary42")
{
    private readonly MemoryStream _body = new();

    public string Boundary { get; } = boundary;

    /// <summary>Adds one part: its header lines (without CRLF) and content.</summary>
    public RawMultipart Part(IEnumerable<string> headers, byte[] content)
    {
        Write("--" + Boundary + "\r\n");
        foreach (var header in headers)
        {
            Write(header + "\r\n");
        }

        Write("\r\n");
        _body.Write(content);
        Write("\r\n");
        return this;
    }

    /// <summary>A plain field as curl and requests write it: <c>form-data; name="…"</c>, no Content-Type.</summary>
    public RawMultipart Field(string name, string value) =>
        Part([$"Content-Disposition: form-data; name=\"{name}\""], Encoding.UTF8.GetBytes(value));

    /// <summary>A file part as curl and requests write it: quoted name and raw UTF-8 filename.</summary>
    public RawMultipart File(string name, string fileName, string contentType, byte[] content) =>
        Part([$"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"", "Content-Type: " + contentType], content);

    /// <summary>The body with its close delimiter (or without, to build a truncated body).</summary>
    public ByteArrayContent Build(bool close = true, bool quoteBoundary = false)
    {
        var bytes = _body.ToArray().Concat(close ? Encoding.ASCII.GetBytes("--" + Boundary + "--\r\n") : []).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", quoteBoundary ? $"multipart/form-data; boundary=\"{Boundary}\"" : "multipart/form-data; boundary=" + Boundary);
        return content;
    }

    /// <summary>The body with any Content-Type (e.g. not multipart).</summary>
    public ByteArrayContent Build(MediaTypeHeaderValue contentType)
    {
        var content = Build();
        content.Headers.ContentType = contentType;
        return content;
    }

    private void Write(string text) => _body.Write(Encoding.UTF8.GetBytes(text));
}
