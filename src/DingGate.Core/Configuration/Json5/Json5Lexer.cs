using System.Text;
using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Json5;

// Reads tokens: skips white space and comments, then reads what the parse state allows. Mirrors npm json5's lexer
// so that errors are reported at the same character.
internal sealed class Json5Lexer(Json5Cursor cursor)
{
    private readonly StringBuilder _buffer = new();

    public Json5Token Next(Json5ParseState state)
    {
        while (true)
        {
            var c = cursor.Peek();
            if (Json5Chars.IsWhiteSpace(c))
            {
                cursor.Read();
                continue;
            }

            if (c == '/')
            {
                cursor.Read();
                if (SkipComment())
                {
                    return Json5Token.EndOfInput;
                }

                continue;
            }

            if (c == Json5Cursor.End)
            {
                cursor.Read();
                return Json5Token.EndOfInput;
            }

            var line = cursor.Line;
            return ReadToken(state, c) with { Line = line };
        }
    }

    // After '/': skips a comment; true when a line comment ran to the end of the input.
    private bool SkipComment()
    {
        var c = cursor.Peek();
        if (c == '/')
        {
            cursor.Read();
            while (true)
            {
                c = cursor.Read();
                if (c is '\n' or '\r' or '\u2028' or '\u2029')
                {
                    return false;
                }

                if (c == Json5Cursor.End)
                {
                    return true;
                }
            }
        }

        if (c != '*')
        {
            throw cursor.InvalidChar();
        }

        cursor.Read();
        var afterAsterisk = false;
        while (true)
        {
            c = cursor.Peek();
            if (c == Json5Cursor.End)
            {
                throw cursor.InvalidChar();
            }

            cursor.Read();
            if (afterAsterisk && c == '/')
            {
                return false;
            }

            afterAsterisk = c == '*';
        }
    }

    private Json5Token ReadToken(Json5ParseState state, int c)
    {
        switch (state)
        {
            case Json5ParseState.Start:
            case Json5ParseState.BeforePropertyValue:
                return ReadValue(c);
            case Json5ParseState.BeforeArrayValue:
                return c == ']' ? Punctuator() : ReadValue(c);
            case Json5ParseState.BeforePropertyName:
                return ReadPropertyName(c);
            case Json5ParseState.AfterPropertyName:
                return c == ':' ? Punctuator() : throw cursor.InvalidChar();
            case Json5ParseState.AfterPropertyValue:
                return c is ',' or '}' ? Punctuator() : throw cursor.InvalidChar();
            case Json5ParseState.AfterArrayValue:
                return c is ',' or ']' ? Punctuator() : throw cursor.InvalidChar();
            default:
                throw cursor.InvalidChar();
        }
    }

    private Json5Token Punctuator() => new(Json5TokenKind.Punctuator, (char)cursor.Read());

    private Json5Token ReadPropertyName(int c)
    {
        switch (c)
        {
            case '}':
                return Punctuator();
            case '"' or '\'':
                return new Json5Token(Json5TokenKind.String, Text: ReadString());
            case '\\':
                cursor.Read();
                _buffer.Clear();
                AppendIdentifierEscape(start: true);
                return new Json5Token(Json5TokenKind.Identifier, Text: ReadIdentifierRest());
            default:
                if (!Json5Chars.IsIdStart(c))
                {
                    throw cursor.InvalidChar();
                }

                _buffer.Clear();
                Json5Cursor.Append(_buffer, cursor.Read());
                return new Json5Token(Json5TokenKind.Identifier, Text: ReadIdentifierRest());
        }
    }

    private string ReadIdentifierRest()
    {
        while (true)
        {
            var c = cursor.Peek();
            if (c == '\\')
            {
                cursor.Read();
                AppendIdentifierEscape(start: false);
            }
            else if (Json5Chars.IsIdContinue(c))
            {
                Json5Cursor.Append(_buffer, cursor.Read());
            }
            else
            {
                return _buffer.ToString();
            }
        }
    }

    // After '\' in an identifier: only \uXXXX, and it must stand for an identifier character.
    private void AppendIdentifierEscape(bool start)
    {
        if (cursor.Peek() != 'u')
        {
            throw cursor.InvalidChar();
        }

        cursor.Read();
        var u = ReadHex(4);
        var ok = start ? Json5Chars.IsIdStart(u) : Json5Chars.IsIdContinue(u);
        if (!ok)
        {
            cursor.Column -= 5;
            throw cursor.Error("invalid identifier character");
        }

        _buffer.Append((char)u);
    }

    private int ReadHex(int digits)
    {
        var value = 0;
        for (var i = 0; i < digits; i++)
        {
            var c = cursor.Peek();
            if (!Json5Chars.IsHexDigit(c))
            {
                throw cursor.InvalidChar();
            }

            cursor.Read();
            value = (value * 16) + Json5Chars.HexValue(c);
        }

        return value;
    }

    private Json5Token ReadValue(int c)
    {
        switch (c)
        {
            case '{' or '[':
                return Punctuator();
            case 'n':
                cursor.Read();
                Literal("ull");
                return new Json5Token(Json5TokenKind.Value);
            case 't':
                cursor.Read();
                Literal("rue");
                return new Json5Token(Json5TokenKind.Value, Value: JsonValue.Create(true));
            case 'f':
                cursor.Read();
                Literal("alse");
                return new Json5Token(Json5TokenKind.Value, Value: JsonValue.Create(false));
            case '"' or '\'':
                return new Json5Token(Json5TokenKind.Value, Value: JsonValue.Create(ReadString()));
            default:
                return new Json5Token(Json5TokenKind.Value, Value: ReadNumber(c));
        }
    }

    private void Literal(string rest)
    {
        foreach (var expected in rest)
        {
            if (cursor.Peek() != expected)
            {
                throw cursor.InvalidChar();
            }

            cursor.Read();
        }
    }

    private JsonNode ReadNumber(int c)
    {
        var negative = false;
        if (c is '-' or '+')
        {
            negative = cursor.Read() == '-';
            c = cursor.Peek();
        }

        switch (c)
        {
            case 'I':
                cursor.Read();
                Literal("nfinity");
                return JsonValue.Create(negative ? double.NegativeInfinity : double.PositiveInfinity);
            case 'N':
                cursor.Read();
                Literal("aN");
                return JsonValue.Create(double.NaN);
            case '.' or (>= '0' and <= '9'):
                break;
            default:
                throw cursor.InvalidChar();
        }

        _buffer.Clear();
        if (c == '0')
        {
            cursor.Read();
            var next = cursor.Peek();
            if (next is 'x' or 'X')
            {
                cursor.Read();
                return ReadHexNumber(negative);
            }

            _buffer.Append('0');
        }
        else if (c == '.')
        {
            // A leading point needs a digit after it.
            cursor.Read();
            if (!Json5Chars.IsDigit(cursor.Peek()))
            {
                throw cursor.InvalidChar();
            }

            _buffer.Append('0').Append('.');
            ReadDigits();
            return ReadExponent(negative, integer: false);
        }
        else
        {
            ReadDigits();
        }

        var integer = true;
        if (cursor.Peek() == '.')
        {
            cursor.Read();
            integer = false;
            _buffer.Append('.');
            ReadDigits();
        }

        return ReadExponent(negative, integer);
    }

    private void ReadDigits()
    {
        while (Json5Chars.IsDigit(cursor.Peek()))
        {
            _buffer.Append((char)cursor.Read());
        }
    }

    private JsonNode ReadExponent(bool negative, bool integer)
    {
        if (cursor.Peek() is 'e' or 'E')
        {
            cursor.Read();
            integer = false;
            _buffer.Append('e');
            var c = cursor.Peek();
            if (c is '+' or '-')
            {
                _buffer.Append((char)cursor.Read());
                c = cursor.Peek();
            }

            if (!Json5Chars.IsDigit(c))
            {
                throw cursor.InvalidChar();
            }

            ReadDigits();
        }

        return Json5Numbers.Decimal(_buffer.ToString(), negative, integer);
    }

    private JsonNode ReadHexNumber(bool negative)
    {
        if (!Json5Chars.IsHexDigit(cursor.Peek()))
        {
            throw cursor.InvalidChar();
        }

        var accumulator = new Json5HexAccumulator();
        while (Json5Chars.IsHexDigit(cursor.Peek()))
        {
            accumulator.Add(Json5Chars.HexValue(cursor.Read()));
        }

        return accumulator.ToNode(negative);
    }

    // After the opening quote: the string's value, escapes resolved.
    private string ReadString()
    {
        var quote = cursor.Read();
        _buffer.Clear();
        while (true)
        {
            var c = cursor.Peek();
            if (c == quote)
            {
                cursor.Read();
                return _buffer.ToString();
            }

            switch (c)
            {
                case '\\':
                    cursor.Read();
                    ReadEscape();
                    break;
                case '\n' or '\r' or Json5Cursor.End:
                    throw cursor.InvalidChar();
                default:
                    Json5Cursor.Append(_buffer, cursor.Read());
                    break;
            }
        }
    }

    private void ReadEscape()
    {
        var c = cursor.Peek();
        switch (c)
        {
            case 'b':
                cursor.Read();
                _buffer.Append('\b');
                return;
            case 'f':
                cursor.Read();
                _buffer.Append('\f');
                return;
            case 'n':
                cursor.Read();
                _buffer.Append('\n');
                return;
            case 'r':
                cursor.Read();
                _buffer.Append('\r');
                return;
            case 't':
                cursor.Read();
                _buffer.Append('\t');
                return;
            case 'v':
                cursor.Read();
                _buffer.Append('\v');
                return;
            case '0':
                cursor.Read();
                if (Json5Chars.IsDigit(cursor.Peek()))
                {
                    throw cursor.InvalidChar();
                }

                _buffer.Append('\0');
                return;
            case 'x':
                cursor.Read();
                _buffer.Append((char)ReadHex(2));
                return;
            case 'u':
                cursor.Read();
                _buffer.Append((char)ReadHex(4));
                return;
            case '\n' or '\u2028' or '\u2029':
                cursor.Read();
                return;
            case '\r':
                cursor.Read();
                if (cursor.Peek() == '\n')
                {
                    cursor.Read();
                }

                return;
            case (>= '1' and <= '9') or Json5Cursor.End:
                throw cursor.InvalidChar();
            default:
                Json5Cursor.Append(_buffer, cursor.Read());
                return;
        }
    }
}
