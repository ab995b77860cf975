using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Json5;

// One parse: the token loop of npm json5 (a state machine with an explicit stack, so depth costs no call stack).
internal sealed class Json5Parser
{
    private readonly Json5Cursor _cursor;
    private readonly Json5Lexer _lexer;
    private readonly List<JsonNode> _stack = [];
    private Json5ParseState _state = Json5ParseState.Start;
    private string _key = string.Empty;
    private JsonNode? _root;

    public Json5Parser(string text, string? source)
    {
        _cursor = new Json5Cursor(text, source);
        _lexer = new Json5Lexer(_cursor);
    }

    public JsonNode? Parse()
    {
        while (true)
        {
            var token = _lexer.Next(_state);
            if (token.Kind == Json5TokenKind.EndOfInput)
            {
                return _state == Json5ParseState.End ? _root : throw _cursor.InvalidEndOfInput();
            }

            switch (_state)
            {
                case Json5ParseState.BeforePropertyName:
                    if (token.Kind is Json5TokenKind.Identifier or Json5TokenKind.String)
                    {
                        _key = token.Text!;
                        _state = Json5ParseState.AfterPropertyName;
                    }
                    else
                    {
                        Pop();
                    }

                    break;
                case Json5ParseState.AfterPropertyName:
                    _state = Json5ParseState.BeforePropertyValue;
                    break;
                case Json5ParseState.BeforeArrayValue when token.Is(']'):
                    Pop();
                    break;
                case Json5ParseState.AfterPropertyValue:
                    if (token.Is(','))
                    {
                        _state = Json5ParseState.BeforePropertyName;
                    }
                    else
                    {
                        Pop();
                    }

                    break;
                case Json5ParseState.AfterArrayValue:
                    if (token.Is(','))
                    {
                        _state = Json5ParseState.BeforeArrayValue;
                    }
                    else
                    {
                        Pop();
                    }

                    break;
                default:
                    Push(token);
                    break;
            }
        }
    }

    private void Push(Json5Token token)
    {
        JsonNode? value = token.Kind == Json5TokenKind.Punctuator
            ? token.Punctuator == '{' ? new JsonObject() : new JsonArray()
            : token.Value;

        if (_stack.Count == 0)
        {
            _root = value;
        }
        else if (_stack[^1] is JsonArray array)
        {
            array.Add(value);
        }
        else
        {
            // Last wins, in the place of the first (like JavaScript's property definition).
            ((JsonObject)_stack[^1])[_key] = value;
        }

        if (value is JsonObject or JsonArray)
        {
            if (_stack.Count == Json5Reader.MaxDepth)
            {
                throw _cursor.Error($"nesting deeper than {Json5Reader.MaxDepth} levels");
            }

            _stack.Add(value);
            _state = value is JsonArray ? Json5ParseState.BeforeArrayValue : Json5ParseState.BeforePropertyName;
        }
        else
        {
            SetStateAfterValue();
        }
    }

    private void Pop()
    {
        _stack.RemoveAt(_stack.Count - 1);
        SetStateAfterValue();
    }

    private void SetStateAfterValue() => _state = _stack.Count == 0
        ? Json5ParseState.End
        : _stack[^1] is JsonArray ? Json5ParseState.AfterArrayValue : Json5ParseState.AfterPropertyValue;
}
