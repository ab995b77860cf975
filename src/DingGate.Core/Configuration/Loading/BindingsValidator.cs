namespace DingGate.Core.Configuration.Loading;

// bindings: each names a channel DingGate serves, an agent under agents (or "default"), an account under
// channels.dingtalk.accounts (or none / "*") and, if any, a valid peer. Warnings: two bindings with the same match
// (the first wins, the later one never applies); an OpenClaw-shaped binding without accountId when there are several
// accounts (OpenClaw would match the default account only, DingGate matches them all).
internal static class BindingsValidator
{
    public static void Validate(DinggateConfig config, ConfigErrorList errors)
    {
        var accounts = Accounts(config);
        for (var i = 0; i < config.Bindings.Count; i++)
        {
            var binding = config.Bindings[i];
            var paths = BindingPaths.Of(binding, i);
            errors.Check(string.Equals(binding.Channel, AgentBindingMatcher.Channel, StringComparison.OrdinalIgnoreCase), paths.Channel, binding.Channel, "must be dingtalk");
            errors.Check(binding.Agent == "default" || config.Agents.ContainsKey(binding.Agent), paths.Agent, binding.Agent, "names no agent under agents" + Known(config.Agents.Keys));
            errors.Check(binding.Account is null or "*" || accounts.Contains(binding.Account), paths.Account, binding.Account,
                "names no account under channels.dingtalk.accounts" + Known(accounts));
            errors.Check(binding.Peer is null || BindingPeer.TryParse(binding.Peer, out _), paths.Peer, binding.Peer,
                binding.Shape == AgentBindingShape.OpenClaw
                    ? "must be { kind: \"group\", id: \"<openConversationId>\" } or { kind: \"direct\" (or \"dm\"), id: \"<staffId>\" }"
                    : $"must be {BindingPeer.Forms} (the id not empty)");
        }
    }

    public static IReadOnlyList<ConfigWarning> Warnings(DinggateConfig config)
    {
        var warnings = new List<ConfigWarning>();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var accounts = Accounts(config);
        for (var i = 0; i < config.Bindings.Count; i++)
        {
            var binding = config.Bindings[i];
            var at = ConfigPath.Item("bindings", i);
            var key = AgentBindingMatcher.MatchKey(binding);
            if (!first.TryAdd(key, i))
            {
                warnings.Add(new ConfigWarning(at,
                    $"matches the same messages as bindings[{first[key]}] ({key}); the first one wins, so this one never applies"));
            }

            if (binding.Shape == AgentBindingShape.OpenClaw && binding.Account is null && accounts.Count > 1)
            {
                warnings.Add(new ConfigWarning(BindingPaths.Of(binding, i).Account,
                    "is absent: DingGate applies this binding to every account (OpenClaw would apply it to the default account only); set accountId to an account, or \"*\" to say every account"));
            }
        }

        return warnings;
    }

    private static HashSet<string> Accounts(DinggateConfig config) =>
        config.Channels.Dingtalk?.Resolve().Select(a => a.Id).ToHashSet(StringComparer.Ordinal) ?? [];

    private static string Known(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? " (none defined)" : " (defined: " + string.Join(", ", list) + ")";
    }
}
