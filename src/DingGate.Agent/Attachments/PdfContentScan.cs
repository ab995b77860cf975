namespace DingGate.Agent.Attachments;

// Counts the bytes inside the string operands of a content stream: literal strings "(…)" (nesting and escapes
// followed) and hex strings "<…>" (two digits a byte). Every glyph PdfPig lays out comes from one of these bytes.
internal static class PdfContentScan
{
    public static long StringBytes(ReadOnlySpan<byte> content)
    {
        long count = 0;
        for (var i = 0; i < content.Length; i++)
        {
            switch (content[i])
            {
                case (byte)'%':
                    while (i < content.Length && content[i] is not ((byte)'\n' or (byte)'\r'))
                    {
                        i++;
                    }

                    break;
                case (byte)'(':
                    count += Literal(content, ref i);
                    break;
                case (byte)'<' when i + 1 < content.Length && content[i + 1] == '<':
                    i++;
                    break;
                case (byte)'<':
                    count += Hex(content, ref i);
                    break;
            }
        }

        return count;
    }

    private static long Literal(ReadOnlySpan<byte> content, ref int i)
    {
        long count = 0;
        var depth = 1;
        for (i++; i < content.Length; i++)
        {
            switch (content[i])
            {
                case (byte)'\\':
                    i++;
                    count++;
                    break;
                case (byte)'(':
                    depth++;
                    count++;
                    break;
                case (byte)')' when --depth == 0:
                    return count;
                default:
                    count++;
                    break;
            }
        }

        return count;
    }

    private static long Hex(ReadOnlySpan<byte> content, ref int i)
    {
        long digits = 0;
        for (i++; i < content.Length && content[i] != '>'; i++)
        {
            digits++;
        }

        return (digits + 1) / 2;
    }
}
