using System.Globalization;

namespace DingGate.Core.Configuration.Json5;

// Character classes of JSON5 (ECMAScript 5.1 identifiers, white space), by code point.
internal static class Json5Chars
{
    public static bool IsDigit(int c) => c is >= '0' and <= '9';

    public static bool IsHexDigit(int c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    public static int HexValue(int c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    public static bool IsWhiteSpace(int c) => c switch
    {
        '\t' or '\v' or '\f' or ' ' or '\u00A0' or '\uFEFF' or '\n' or '\r' or '\u2028' or '\u2029' => true,
        < 0x80 or Json5Cursor.End => false,
        _ => Category(c) == UnicodeCategory.SpaceSeparator,
    };

    public static bool IsIdStart(int c) => c switch
    {
        (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '$' or '_' => true,
        < 0x80 or Json5Cursor.End => false,
        _ => Category(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber,
    };

    public static bool IsIdContinue(int c) => c switch
    {
        (>= '0' and <= '9') or '\u200C' or '\u200D' => true,
        _ when IsIdStart(c) => true,
        < 0x80 or Json5Cursor.End => false,
        _ => Category(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation,
    };

    private static UnicodeCategory Category(int c) => CharUnicodeInfo.GetUnicodeCategory(c);
}
