namespace DingGate.Core.Configuration;

/// <summary>How a <c>bindings</c> entry was written: the keys its errors name.</summary>
public enum AgentBindingShape
{
    /// <summary><c>{ channel, account, peer: "group:&lt;cid&gt;" | "user:&lt;staffId&gt;", agent }</c>.</summary>
    DingGate,

    /// <summary>OpenClaw's <c>{ agentId, match: { channel, accountId, peer: { kind, id } } }</c>.</summary>
    OpenClaw,
}
