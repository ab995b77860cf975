namespace DingGate.Core.Configuration;

/// <summary>
/// One entry of <c>bindings</c>: which agent answers the messages of an account, of one group or of one user's 1:1
/// chat. Written as DingGate's <c>{ channel, account, peer, agent }</c> or as OpenClaw's
/// <c>{ agentId, match: { channel, accountId, peer: { kind, id } } }</c>; both bind to this.
/// </summary>
public sealed class AgentBinding
{
    /// <summary>Channel (<c>dingtalk</c>).</summary>
    public string Channel { get; set; } = "dingtalk";

    /// <summary>Account id; null or <c>*</c>: every account of the channel.</summary>
    public string? Account { get; set; }

    /// <summary>
    /// The conversation it is for: <c>group:&lt;openConversationId&gt;</c> (that group) or <c>user:&lt;staffId&gt;</c>
    /// (that user's 1:1 chats with the bot); null: every conversation of the account(s). See <see cref="BindingPeer"/>.
    /// </summary>
    public string? Peer { get; set; }

    /// <summary>Agent name under <c>agents</c>.</summary>
    public string Agent { get; set; } = "default";

    /// <summary>How it was written (for the paths errors name).</summary>
    public AgentBindingShape Shape { get; set; } = AgentBindingShape.DingGate;
}
