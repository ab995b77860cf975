namespace DingGate.Core.Configuration.Loading;

// The config paths of a binding's parts, as it was written (DingGate's keys or OpenClaw's).
internal sealed record BindingPaths(string Channel, string Account, string Peer, string Agent)
{
    public static BindingPaths Of(AgentBinding binding, int index)
    {
        var at = ConfigPath.Item("bindings", index);
        if (binding.Shape == AgentBindingShape.OpenClaw)
        {
            var match = ConfigPath.Child(at, "match");
            return new BindingPaths(ConfigPath.Child(match, "channel"), ConfigPath.Child(match, "accountId"), ConfigPath.Child(match, "peer"), ConfigPath.Child(at, "agentId"));
        }

        return new BindingPaths(ConfigPath.Child(at, "channel"), ConfigPath.Child(at, "account"), ConfigPath.Child(at, "peer"), ConfigPath.Child(at, "agent"));
    }
}
