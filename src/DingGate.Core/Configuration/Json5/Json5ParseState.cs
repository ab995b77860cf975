namespace DingGate.Core.Configuration.Json5;

// Where the parser is; the lexer reads the next token according to it (as npm json5 does).
internal enum Json5ParseState
{
    Start,
    BeforePropertyName,
    AfterPropertyName,
    BeforePropertyValue,
    AfterPropertyValue,
    BeforeArrayValue,
    AfterArrayValue,
    End,
}
