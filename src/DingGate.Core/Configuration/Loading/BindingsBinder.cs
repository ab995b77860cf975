using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Binds <c>bindings</c>: each entry DingGate's <c>{ channel, account, peer, agent }</c> or OpenClaw's
/// <c>{ agentId, match: { channel, accountId, peer: { kind, id } } }</c> (kind <c>group</c>, <c>direct</c> or
/// <c>dm</c>). Unknown keys are refused: a misspelt <c>peer</c> would silently route a whole account.
/// </summary>
internal static class BindingsBinder
{
    private static readonly string[] DingGateKeys = ["channel", "account", "peer", "agent"];
    private static readonly string[] OpenClawKeys = ["agentId", "match", "comment"];
    private static readonly string[] MatchKeys = ["channel", "accountId", "peer"];
    private static readonly string[] PeerKeys = ["kind", "id"];

    public static void Bind(JsonNode? node, string path, ConfigReader r, IList<AgentBinding> target)
    {
        var array = r.Array(node, path);
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            var at = ConfigPath.Item(path, i);
            if (r.Object(array[i], at) is { } obj)
            {
                target.Add(obj.ContainsKey("match") || obj.ContainsKey("agentId") ? OpenClaw(obj, at, r) : DingGate(obj, at, r));
            }
        }
    }

    private static AgentBinding DingGate(JsonObject obj, string at, ConfigReader r)
    {
        var binding = new AgentBinding();
        foreach (var (key, value) in obj)
        {
            var keyPath = ConfigPath.Child(at, key);
            switch (key)
            {
                case "channel": binding.Channel = r.String(value, keyPath) ?? binding.Channel; break;
                case "account": binding.Account = r.String(value, keyPath); break;
                case "peer": binding.Peer = r.String(value, keyPath); break;
                case "agent": binding.Agent = r.String(value, keyPath) ?? binding.Agent; break;
                default: r.UnknownRefused(keyPath, key, [.. DingGateKeys, .. OpenClawKeys], "bindings"); break;
            }
        }

        return binding;
    }

    private static AgentBinding OpenClaw(JsonObject obj, string at, ConfigReader r)
    {
        var binding = new AgentBinding { Shape = AgentBindingShape.OpenClaw };
        foreach (var (key, value) in obj)
        {
            var keyPath = ConfigPath.Child(at, key);
            switch (key)
            {
                case "agentId": binding.Agent = r.String(value, keyPath) ?? binding.Agent; break;
                case "match": Match(value, keyPath, r, binding); break;
                case "comment": r.String(value, keyPath); break;
                case "channel" or "account" or "peer" or "agent":
                    r.Error(keyPath, null, "DingGate's binding keys (channel, account, peer, agent) cannot be mixed with OpenClaw's (agentId, match): write the binding one way");
                    break;
                default: r.UnknownRefused(keyPath, key, OpenClawKeys, "bindings"); break;
            }
        }

        if (!obj.ContainsKey("agentId"))
        {
            r.Error(ConfigPath.Child(at, "agentId"), null, "is required with match: the agent under agents that answers");
        }

        return binding;
    }

    private static void Match(JsonNode? node, string path, ConfigReader r, AgentBinding binding)
    {
        foreach (var (key, value) in r.Object(node, path) ?? [])
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "channel": binding.Channel = r.String(value, at) ?? binding.Channel; break;
                case "accountId": binding.Account = r.String(value, at); break;
                case "peer": binding.Peer = Peer(value, at, r); break;
                default: r.UnknownRefused(at, key, MatchKeys, "bindings (DingTalk has no guilds, teams or roles)"); break;
            }
        }
    }

    // { kind: group | direct | dm, id } → "group:<id>" / "user:<id>"; a wrong kind or a missing id is reported here, at
    // the path the validator would name, and leaves a peer that matches nothing.
    private static string? Peer(JsonNode? node, string path, ConfigReader r)
    {
        string? kind = null, id = null;
        var obj = r.Object(node, path);
        if (obj is null)
        {
            return null;
        }

        foreach (var (key, value) in obj)
        {
            var at = ConfigPath.Child(path, key);
            switch (key)
            {
                case "kind": kind = r.String(value, at); break;
                case "id": id = r.String(value, at); break;
                default: r.UnknownRefused(at, key, PeerKeys, "bindings"); break;
            }
        }

        var prefix = kind?.Trim().ToLowerInvariant() switch
        {
            "group" => BindingPeer.GroupPrefix,
            "direct" or "dm" => BindingPeer.UserPrefix,
            _ => null,
        };
        if (prefix is null || string.IsNullOrWhiteSpace(id))
        {
            r.Error(path, node, "must be { kind: \"group\", id: \"<openConversationId>\" } or { kind: \"direct\" (or \"dm\"), id: \"<staffId>\" }");
            return "invalid:";
        }

        return prefix + id;
    }
}
