namespace DingGate.Core.Configuration;

/// <summary>The whole configuration file (<c>~/.dinggate/dinggate.json</c>, JSON5), as loaded and validated.</summary>
public sealed class DinggateConfig
{
    /// <summary><c>models</c> by name; <c>default</c> is used unless an agent names another.</summary>
    public IDictionary<string, ModelSettings> Models { get; } = new Dictionary<string, ModelSettings>(StringComparer.Ordinal);

    /// <summary><c>agents</c> by name; <c>default</c> answers unless a binding names another.</summary>
    public IDictionary<string, AgentSettings> Agents { get; } = new Dictionary<string, AgentSettings>(StringComparer.Ordinal);

    /// <summary><c>bindings</c>: accounts to agents.</summary>
    public IList<AgentBinding> Bindings { get; } = [];

    /// <summary><c>session</c>.</summary>
    public SessionSettings Session { get; set; } = new();

    /// <summary><c>channels</c>.</summary>
    public ChannelsSettings Channels { get; set; } = new();

    /// <summary><c>gateway</c>.</summary>
    public GatewaySettings Gateway { get; set; } = new();

    /// <summary><c>storage</c>.</summary>
    public StorageSettings Storage { get; set; } = new();

    /// <summary><c>attachments</c>.</summary>
    public AttachmentSettings Attachments { get; set; } = new();
}
