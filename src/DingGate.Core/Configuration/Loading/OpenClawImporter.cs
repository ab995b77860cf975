using System.Text.Json.Nodes;

namespace DingGate.Core.Configuration.Loading;

/// <summary>
/// Turns an existing OpenClaw <c>openclaw.json</c> into DingGate configuration: its DingTalk section (at
/// <c>channels.dingtalk</c>, or plugin-style at <c>plugins.entries.dingtalk.config</c>) with the keys DingGate knows,
/// values exactly as found (a <c>${ENV}</c> secret stays a reference). Keys DingGate does not know are left out and reported.
/// </summary>
public static class OpenClawImporter
{
    private const string ChannelPath = "channels.dingtalk";
    private const string PluginPath = "plugins.entries.dingtalk.config";

    /// <summary>Returns <c>{ channels: { dingtalk: … } }</c>; what was left out is added to <paramref name="warnings"/>.</summary>
    /// <exception cref="ConfigException">The file holds no DingTalk section.</exception>
    public static JsonObject Import(JsonNode? openclawJson, ICollection<ConfigWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var channel = At(openclawJson, "channels", "dingtalk");
        var plugin = At(openclawJson, "plugins", "entries", "dingtalk", "config");
        var (section, path) = channel is not null ? (channel, ChannelPath) : (plugin, PluginPath);
        if (section is null)
        {
            throw new ConfigException([new ConfigError(ChannelPath, null, $"no DingTalk section found (looked at {ChannelPath} and {PluginPath})")]);
        }

        if (channel is not null && plugin is not null)
        {
            warnings.Add(new ConfigWarning(PluginPath, $"ignored: {ChannelPath} is imported instead"));
        }

        var dingtalk = Filter(section, path, [.. DingTalkBinder.AccountKeys, "accounts"], warnings);
        if (dingtalk["accounts"] is JsonObject accounts)
        {
            foreach (var (id, account) in accounts.ToList())
            {
                if (account is JsonObject obj)
                {
                    accounts[id] = Filter(obj, $"{path}.accounts.{id}", DingTalkBinder.AccountKeys, warnings);
                }
            }
        }

        return new JsonObject { ["channels"] = new JsonObject { ["dingtalk"] = dingtalk } };
    }

    /// <summary>Imports without collecting warnings.</summary>
    public static JsonObject Import(JsonNode? openclawJson) => Import(openclawJson, new List<ConfigWarning>());

    private static JsonObject Filter(JsonObject source, string path, IReadOnlyList<string> known, ICollection<ConfigWarning> warnings)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (known.Contains(key, StringComparer.Ordinal))
            {
                result[key] = value?.DeepClone();
            }
            else
            {
                warnings.Add(new ConfigWarning($"{path}.{key}", "unknown to DingGate, not imported"));
            }
        }

        return result;
    }

    private static JsonObject? At(JsonNode? node, params string[] keys)
    {
        foreach (var key in keys)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(key, out var child) ? child : null;
        }

        return node as JsonObject;
    }
}
