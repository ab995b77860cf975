using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Json5;

// One token: a punctuator ({ } [ ] : ,), a property name (identifier or string) or a primitive value (Value, which
// is null for the literal null). Line: the 1-based line it starts on.
internal readonly record struct Json5Token(Json5TokenKind Kind, char Punctuator = '\0', string? Text = null, JsonNode? Value = null, int Line = 0)
{
    public static readonly Json5Token EndOfInput = new(Json5TokenKind.EndOfInput);

    public bool Is(char punctuator) => Kind == Json5TokenKind.Punctuator && Punctuator == punctuator;
}
