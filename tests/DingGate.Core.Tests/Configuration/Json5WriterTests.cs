using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Json5;
using DingGate.Core.Configuration.Loading;

namespace DingGate.Core.Tests.Configuration;

public sealed class Json5WriterTests
{
    [Fact]
    public void Write_Config_TwoSpaceIndentUnquotedKeysTrailingCommas()
    {
        var node = JsonNode.Parse("""{"channels":{"dingtalk":{"clientId":"dingxxx","allowFrom":["a","b"],"reconnectJitter":0.3,"debug":false,"accounts":{}}}}""");

        var text = Json5Writer.Write(node);

        Assert.Equal("""
            {
              channels: {
                dingtalk: {
                  clientId: "dingxxx",
                  allowFrom: ["a", "b"],
                  reconnectJitter: 0.3,
                  debug: false,
                  accounts: {},
                },
              },
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Write_AwkwardKeysAndStrings_ReadBackEqual()
    {
        var node = new JsonObject
        {
            ["cid-with-dash"] = "line1\nline2\t\"quoted\" \\ \u2028 \u0001 钉钉 ${ENV}",
            ["null"] = null,
            ["1abc"] = 1,
            ["$ok_1"] = new JsonArray(1, 2.5, -3, true, null, new JsonObject { ["x"] = long.MaxValue }),
            ["big"] = 1e300,
            ["nan"] = double.NaN,
            ["inf"] = double.NegativeInfinity,
        };

        var text = Json5Writer.Write(node);
        var back = Json5Reader.Parse(text);

        Assert.Contains("\"cid-with-dash\": ", text, StringComparison.Ordinal);
        Assert.Contains("$ok_1: ", text, StringComparison.Ordinal);
        Assert.Contains("\"null\": null", text, StringComparison.Ordinal);
        Assert.Equal(Json5Writer.Write(node), Json5Writer.Write(back));
        Assert.Equal((string?)node["cid-with-dash"], (string?)back!["cid-with-dash"]);
        Assert.True(double.IsNaN(back["nan"]!.GetValue<double>()));
    }
}
