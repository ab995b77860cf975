using System.Text.Json.Nodes;
using DingGate.Cli.Config;

namespace DingGate.Cli.Channels;

/// <summary>
/// With <c>accounts</c> present, the top level of <c>channels.dingtalk</c> holds defaults every account inherits, not an
/// account of its own. Adding the first named account to a configuration whose top level is an app therefore moves that
/// app's identity (credentials, robot code, name) to <c>accounts.default</c>, so it keeps running.
/// </summary>
internal static class ChannelAccountLayout
{
    private static readonly string[] IdentityKeys = ["clientId", "clientSecret", "robotCode", "corpId", "agentId", "name"];

    /// <summary>Moves the top-level app to <c>accounts.default</c> when there is one and no accounts yet; true when moved.</summary>
    public static bool MoveTopLevelToDefault(ConfigDocument document)
    {
        if (document.Get("channels.dingtalk") is not JsonObject top || top["clientId"] is null || top["accounts"] is JsonObject { Count: > 0 })
        {
            return false;
        }

        var moved = new JsonObject();
        foreach (var key in IdentityKeys)
        {
            if (top[key] is { } value)
            {
                top.Remove(key);
                moved[key] = value;
            }
        }

        document.Set("channels.dingtalk.accounts.default", moved);
        return true;
    }
}
