using System.Text.Json.Nodes;
using CsCheck;
using DingGate.DingTalk.Inbound;
using static DingGate.DingTalk.Tests.Inbound.ParserAssertions;

namespace DingGate.DingTalk.Tests.Inbound;

/// <summary>The parser never throws: arbitrary strings, arbitrary JSON, and valid payloads with parts replaced or removed.</summary>
public sealed class InboundMessageParserPropertyTests
{
    private static readonly string[] Keys =
    [
        "msgtype", "msgId", "createAt", "conversationType", "conversationId", "conversationTitle", "senderId", "senderStaffId", "senderNick",
        "isAdmin", "chatbotUserId", "isInAtList", "atUsers", "dingtalkId", "staffId", "sessionWebhook", "sessionWebhookExpiredTime", "text",
        "content", "isReplyMsg", "repliedMsg", "msgType", "richText", "type", "downloadCode", "duration", "recognition", "fileName",
        "chatRecord", "summary", "title", "quoteMessage", "errorCode", "errCode", "originalMsgId", "originalProcessQueryKey", "x",
    ];

    private static readonly string[] Seeds =
    [
        """{"conversationId":"c","chatbotUserId":"b","msgId":"m","senderStaffId":"u","createAt":1,"conversationType":"2","senderId":"s","isInAtList":true,"atUsers":[{"dingtalkId":"b"},{"dingtalkId":"o","staffId":"u2"}],"sessionWebhook":"https://x/y","sessionWebhookExpiredTime":2,"msgtype":"text","text":{"content":" hi","isReplyMsg":true,"repliedMsg":{"msgType":"richText","msgId":"q","senderId":"b","createdAt":"3","content":{"richText":[{"msgType":"text","content":"a"},{"msgType":"picture","downloadCode":"d"}]}}},"originalProcessQueryKey":"k"}""",
        """{"conversationId":"c","msgId":"m","conversationType":"1","senderId":"s","msgtype":"richText","content":{"richText":[{"text":"a"},{"type":"picture","downloadCode":"d"},{"type":"at","atName":"n","atUserId":"u"}]}}""",
        """{"conversationId":"c","msgId":"m","conversationType":"1","senderId":"s","msgtype":"chatRecord","content":{"summary":"s","title":"t","chatRecord":"[{\"senderNick\":\"a\",\"content\":\"b\"}]"}}""",
        """{"conversationId":"c","msgId":"m","conversationType":"1","senderId":"s","msgtype":"audio","content":{"duration":"2000","downloadCode":"d","recognition":"r"},"quoteMessage":{"msgId":"q","msgtype":"text","text":{"content":"x"},"senderId":"z"}}""",
        """{"conversationId":"c","msgId":"m","conversationType":"1","senderId":"s","msgtype":"file","errCode":"20001","content":{"fileName":"f","downloadCode":"d","spaceId":1}}""",
    ];

    private static readonly Gen<JsonNode?> GenJson = Gen.Recursive<JsonNode?>((depth, self) =>
    {
        var leaf = Gen.OneOf<JsonNode?>(
            Gen.Bool.Select(_ => (JsonNode?)null),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
            Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(0.5)),
            Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.OneOf("1", "2", "text", "richText", "picture", "audio", "chatRecord", "20001", "b", "[{\"senderNick\":1}]", "-99999999999999999999")
                .Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth >= 4)
        {
            return leaf;
        }

        var array = self.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));
        var obj = Gen.Select(Gen.OneOf(Keys).Array[0, 6], self.Array[6]).Select((keys, values) =>
        {
            var o = new JsonObject();
            for (var i = 0; i < keys.Length; i++)
            {
                o[keys[i]] = values[i]?.DeepClone();
            }

            return (JsonNode?)o;
        });
        return Gen.Frequency<JsonNode?>((3, leaf), (1, array), (2, obj));
    });

    [Fact]
    public void Parse_ArbitraryStrings_NeverThrows()
    {
        var parser = NewParser();
        Gen.String.Sample(s => Assert.NotNull(parser.Parse(AccountId, "Bot", s)), iter: 2000);
    }

    [Fact]
    public void Parse_ArbitraryJson_NeverThrows()
    {
        var parser = NewParser();
        GenJson.Select(n => n?.ToJsonString() ?? "null").Sample(json => Assert.NotNull(parser.Parse(AccountId, "Bot", json)), iter: 2000);
    }

    [Fact]
    public void Parse_MutatedValidPayloads_NeverThrowsAndKeepsRequiredFields()
    {
        var parser = NewParser();
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[0, 1000].Array[1, 4], GenJson.Array[4]).Sample((seed, targets, replacements) =>
        {
            var root = JsonNode.Parse(Seeds[seed])!;
            for (var i = 0; i < targets.Length; i++)
            {
                Mutate(root, targets[i], replacements[i]);
            }

            var result = parser.Parse(AccountId, "Bot", root.ToJsonString());
            if (result is ParseResult.Ok ok)
            {
                Assert.False(string.IsNullOrWhiteSpace(ok.Message.MessageId));
                Assert.False(string.IsNullOrWhiteSpace(ok.Message.ConversationId));
                Assert.NotNull(ok.Message.Text);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Parse_SeedPayloads_AreValid()
    {
        var parser = NewParser();
        Assert.All(Seeds, s => Assert.IsNotType<ParseResult.Invalid>(parser.Parse(AccountId, "Bot", s)));
    }

    [Fact]
    public void Parse_DeeplyNestedPayloadAndChatRecord_NoThrow()
    {
        var parser = NewParser();
        var deep = string.Concat(Enumerable.Repeat("{\"x\":", 200)) + "1" + new string('}', 200);
        var deepRecord = System.Text.Json.JsonSerializer.Serialize(new string('[', 500));

        Assert.IsType<ParseResult.Invalid>(parser.Parse(AccountId, null, "{\"content\":" + deep + "}"));
        var ok = Assert.IsType<ParseResult.Ok>(parser.Parse(AccountId, null,
            "{\"conversationId\":\"c\",\"msgId\":\"m\",\"conversationType\":\"1\",\"senderId\":\"s\",\"msgtype\":\"chatRecord\",\"content\":{\"chatRecord\":" + deepRecord + "}}"));
        Assert.Equal("[chat record]", ok.Message.Text);
    }

    // Replaces (or, with a JSON null replacement, removes) the n-th property or element of the tree.
    private static void Mutate(JsonNode root, int target, JsonNode? replacement)
    {
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(root, slots);
        if (slots.Count == 0)
        {
            return;
        }

        var (parent, key) = slots[target % slots.Count];
        if (parent is JsonObject o)
        {
            if (replacement is null)
            {
                o.Remove((string)key);
            }
            else
            {
                o[(string)key] = replacement.DeepClone();
            }
        }
        else if (parent is JsonArray a)
        {
            a[(int)key] = replacement?.DeepClone();
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, object Key)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    slots.Add((o, name));
                    if (child is not null)
                    {
                        Collect(child, slots);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, i));
                    if (a[i] is { } child)
                    {
                        Collect(child, slots);
                    }
                }

                break;
        }
    }
}
