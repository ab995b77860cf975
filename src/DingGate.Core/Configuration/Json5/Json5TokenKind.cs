namespace DingGate.Core.Configuration.Json5;

internal enum Json5TokenKind
{
    EndOfInput,
    Punctuator,
    Identifier,
    String,
    Value,
}
