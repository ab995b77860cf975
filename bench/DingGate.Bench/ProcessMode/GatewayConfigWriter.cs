using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Bench.Rig;

namespace DingGate.Bench.ProcessMode;

/// <summary>
/// Writes the child gateway's <c>dinggate.json</c> for a run: every bench app as an account pointed at the emulator
/// (DM and group policy open, the app's reply mode), the fake model server as the default model (provider
/// <c>openai</c>), state and logs in the work directory, a free admin port, logs at information level like the
/// in-process bench. <c>channels.dingtalk.apiQps</c> and <c>agents.maxConcurrentTurns</c> are written only when given:
/// a gateway that does not know a key refuses the file (ConfigCheck's unknown-key error).
/// </summary>
internal static class GatewayConfigWriter
{
    public static string Write(string workDirectory, Uri emulator, Uri model, IReadOnlyList<BenchApp> apps, int? apiQps, int? maxTurns, bool ipLimit = true)
    {
        var e = emulator.ToString().TrimEnd('/');
        var accounts = new JsonObject();
        foreach (var app in apps)
        {
            accounts[app.AccountId] = new JsonObject
            {
                ["clientId"] = app.ClientId, ["clientSecret"] = app.ClientSecret, ["name"] = "Bench " + app.AccountId, ["messageType"] = app.ModeName,
            };
        }

        var dingtalk = new JsonObject
        {
            ["endpoints"] = new JsonObject { ["api"] = e, ["oapi"] = e },
            ["dmPolicy"] = "open",
            ["groupPolicy"] = "open",
            ["quota"] = new JsonObject { ["monthlyCalls"] = 0 }, // a benchmark run spends months of a real org's quota: no budget
        };
        if (apiQps is { } qps)
        {
            dingtalk["apiQps"] = qps;
        }

        if (!ipLimit)
        {
            dingtalk["ipRateLimit"] = 10_000_000; // per 20 s: lifted (the run stands for several egress IPs)
        }

        dingtalk["accounts"] = accounts;
        var config = new JsonObject
        {
            ["models"] = new JsonObject
            {
                ["default"] = new JsonObject { ["provider"] = "openai", ["baseUrl"] = model.ToString().TrimEnd('/') + "/v1", ["model"] = "bench", ["apiKey"] = "" },
            },
            ["gateway"] = new JsonObject { ["stateDir"] = "./state", ["logDir"] = "./logs", ["adminPort"] = 0, ["logLevel"] = "information" },
            ["channels"] = new JsonObject { ["dingtalk"] = dingtalk },
        };
        if (maxTurns is { } turns)
        {
            config["agents"] = new JsonObject { ["maxConcurrentTurns"] = turns };
        }

        var path = Path.Combine(workDirectory, "dinggate.json");
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
