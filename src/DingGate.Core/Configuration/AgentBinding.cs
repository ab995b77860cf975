namespace DingGate.Core.Configuration;

/// <summary>One entry of <c>bindings</c>: which agent answers an account of a channel.</summary>
public sealed class AgentBinding
{
    /// <summary>Channel (<c>dingtalk</c>).</summary>
    public string Channel { get; set; } = "dingtalk";

    /// <summary>Account id; null or <c>*</c>: every account of the channel.</summary>
    public string? Account { get; set; }

    /// <summary>Agent name under <c>agents</c>.</summary>
    public string Agent { get; set; } = "default";
}
