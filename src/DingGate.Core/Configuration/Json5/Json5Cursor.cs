using System.Text;

namespace DingGate.Core.Configuration.Json5;

// The read position in JSON5 text, by code point, with npm json5's line/column bookkeeping: '\n' starts a new line
// at column 0, any other code point adds its UTF-16 length, reading past the end adds 1. Errors are reported at the
// position after reading the offending character, so they name its (last) column.
internal sealed class Json5Cursor(string text, string? source)
{
    public const int End = -1;

    private int _pos;

    public int Line { get; private set; } = 1;

    public int Column { get; set; }

    public int Peek()
    {
        if (_pos >= text.Length)
        {
            return End;
        }

        var c = text[_pos];
        if (char.IsHighSurrogate(c) && _pos + 1 < text.Length && char.IsLowSurrogate(text[_pos + 1]))
        {
            return char.ConvertToUtf32(c, text[_pos + 1]);
        }

        return c;
    }

    public int Read()
    {
        var c = Peek();
        if (c == End)
        {
            Column++;
            return c;
        }

        var length = c > 0xFFFF ? 2 : 1;
        _pos += length;
        if (c == '\n')
        {
            Line++;
            Column = 0;
        }
        else
        {
            Column += length;
        }

        return c;
    }

    // Reads the offending character and reports it.
    public Json5Exception InvalidChar() => InvalidChar(Read());

    public Json5Exception InvalidChar(int c) =>
        c == End ? Error("invalid end of input") : Error($"invalid character '{Format(c)}'");

    public Json5Exception InvalidEndOfInput() => Error("invalid end of input");

    public Json5Exception Error(string reason) => new(source, Line, Column, reason);

    public static void Append(StringBuilder builder, int c)
    {
        if (c > 0xFFFF)
        {
            builder.Append(char.ConvertFromUtf32(c));
        }
        else
        {
            builder.Append((char)c);
        }
    }

    // npm json5's formatChar: escapes for quotes, backslash and controls, the character itself otherwise.
    private static string Format(int c) => c switch
    {
        '\'' => "\\'",
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\v' => "\\v",
        '\0' => "\\0",
        '\u2028' => "\\u2028",
        '\u2029' => "\\u2029",
        < ' ' => "\\x" + c.ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
        > 0xFFFF => char.ConvertFromUtf32(c),
        _ => ((char)c).ToString(),
    };
}
