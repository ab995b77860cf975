using System.Text;

namespace DingGate.Emulator.Media;

/// <summary>
/// A strict <c>multipart/form-data</c> reader (RFC 7578 / RFC 2046) for <c>/media/upload</c>, in place of ASP.NET's
/// lenient form reader: the exact bytes decide. Each part needs a <c>Content-Disposition: form-data</c> header; its
/// <c>name</c>/<c>filename</c> values are read as written (UTF-8, token or quoted-string, the quoting recorded), and
/// <c>filename*</c> is noted but never decoded (the server reads the plain <c>filename</c> only). A body that does not
/// follow the delimiter grammar (missing close delimiter, part without headers) is not a form: <see cref="Read"/>
/// returns null with the reason.
/// </summary>
internal static class MultipartFormReader
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>The boundary of a <c>multipart/form-data</c> Content-Type (and whether it was quoted); null when it is not one.</summary>
    public static (string Boundary, bool Quoted)? BoundaryOf(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var (mediaType, parameters) = HeaderValue(contentType);
        if (!string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var boundary = parameters.FirstOrDefault(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase));
        return string.IsNullOrEmpty(boundary.Value) || boundary.Value.Length > 70 ? null : (boundary.Value, boundary.Quoted);
    }

    /// <summary>Reads <paramref name="body"/>; null and the reason when it is not a well-formed multipart body.</summary>
    public static (MultipartForm? Form, string? Error) Read(string boundary, bool boundaryQuoted, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.AsSpan();
        var start = IndexOfLineStart(span, delimiter, 0);
        if (start < 0)
        {
            return (null, "no boundary delimiter in the body");
        }

        var parts = new List<MultipartPart>();
        var position = start + delimiter.Length;
        while (true)
        {
            if (span[position..].StartsWith("--"u8))
            {
                return parts.Count == 0 ? (null, "no parts before the close delimiter") : (new MultipartForm(boundary, boundaryQuoted, parts), null);
            }

            if (!span[position..].StartsWith(CrLf))
            {
                return (null, "a boundary delimiter is not followed by CRLF");
            }

            position += CrLf.Length;
            var headersEnd = span[position..].IndexOf(HeaderEnd);
            if (headersEnd < 0)
            {
                return (null, "a part has no blank line after its headers");
            }

            var headers = Encoding.UTF8.GetString(span.Slice(position, headersEnd));
            var contentStart = position + headersEnd + HeaderEnd.Length;
            var next = IndexOfDelimiterAfterCrLf(span, delimiter, contentStart);
            if (next < 0)
            {
                return (null, "the body has no close delimiter");
            }

            var part = ReadPart(headers, span[contentStart..next].ToArray());
            if (part is null)
            {
                return (null, "a part has no 'Content-Disposition: form-data' header");
            }

            parts.Add(part);
            position = next + CrLf.Length + delimiter.Length;
        }
    }

    private static MultipartPart? ReadPart(string headerBlock, byte[] content)
    {
        string? disposition = null;
        string? contentType = null;
        foreach (var line in headerBlock.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (string.Equals(name, "Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                disposition = value;
            }
            else if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
        }

        if (disposition is null)
        {
            return null;
        }

        var (kind, parameters) = HeaderValue(disposition);
        if (!string.Equals(kind, "form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var partName = parameters.FirstOrDefault(p => string.Equals(p.Name, "name", StringComparison.OrdinalIgnoreCase));
        var fileName = parameters.FirstOrDefault(p => string.Equals(p.Name, "filename", StringComparison.OrdinalIgnoreCase));
        var star = parameters.Any(p => string.Equals(p.Name, "filename*", StringComparison.OrdinalIgnoreCase));
        return new MultipartPart(partName.Name is null ? null : partName.Value, partName.Quoted, fileName.Name is null ? null : fileName.Value, fileName.Quoted, star, contentType, content);
    }

    /// <summary>Splits <c>type; a=b; c="d"</c> into the leading value and its parameters (quoted-strings kept as written between the quotes).</summary>
    private static (string Value, List<(string? Name, string Value, bool Quoted)> Parameters) HeaderValue(string header)
    {
        var parameters = new List<(string?, string, bool)>();
        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var head = (semicolon < 0 ? header : header[..semicolon]).Trim();
        var i = semicolon < 0 ? header.Length : semicolon + 1;
        while (i < header.Length)
        {
            while (i < header.Length && (header[i] == ' ' || header[i] == '\t' || header[i] == ';'))
            {
                i++;
            }

            var equals = header.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }

            var name = header[i..equals].Trim();
            i = equals + 1;
            if (i < header.Length && header[i] == '"')
            {
                var close = header.IndexOf('"', i + 1);
                if (close < 0)
                {
                    parameters.Add((name, header[(i + 1)..], false));
                    break;
                }

                parameters.Add((name, header[(i + 1)..close], true));
                i = close + 1;
            }
            else
            {
                var end = header.IndexOf(';', i);
                end = end < 0 ? header.Length : end;
                parameters.Add((name, header[i..end].Trim(), false));
                i = end;
            }
        }

        return (head, parameters);
    }

    /// <summary>First <paramref name="delimiter"/> at offset 0 or right after a CRLF, searching from <paramref name="from"/>.</summary>
    private static int IndexOfLineStart(ReadOnlySpan<byte> span, byte[] delimiter, int from)
    {
        if (span[from..].StartsWith(delimiter))
        {
            return from;
        }

        var found = IndexOfDelimiterAfterCrLf(span, delimiter, from);
        return found < 0 ? -1 : found + CrLf.Length;
    }

    /// <summary>Index of the CRLF that precedes the next <paramref name="delimiter"/>, or -1.</summary>
    private static int IndexOfDelimiterAfterCrLf(ReadOnlySpan<byte> span, byte[] delimiter, int from)
    {
        var needle = new byte[CrLf.Length + delimiter.Length];
        CrLf.CopyTo(needle, 0);
        delimiter.CopyTo(needle, CrLf.Length);
        var index = span[from..].IndexOf(needle);
        return index < 0 ? -1 : from + index;
    }
}
