using System.Text.Json.Nodes;
using DingGate.Core.Inbound;
using DingGate.DingTalk.Inbound;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.DingTalk.Tests.Inbound;

/// <summary>Parsing helpers shared by the parser tests.</summary>
internal static class ParserAssertions
{
    public const string AccountId = "acct1";

    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static InboundMessageParser NewParser() => new(new FakeTimeProvider(Now));

    public static InboundMessage ParseOk(string payload, string? botName = null, string? fallbackMessageId = null)
    {
        var result = NewParser().Parse(AccountId, botName, payload, fallbackMessageId);
        var ok = Assert.IsType<ParseResult.Ok>(result);
        return ok.Message;
    }

    public static string Str(JsonNode? node, string path)
    {
        var current = node;
        foreach (var part in path.Split('.'))
        {
            current = current?[part];
        }

        return current!.GetValue<string>();
    }
}
