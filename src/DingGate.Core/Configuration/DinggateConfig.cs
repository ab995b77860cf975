namespace DingGate.Core.Configuration;

/// <summary>The whole configuration file (<c>~/.dinggate/dinggate.json</c>, JSON5), as loaded and validated.</summary>
public sealed class DinggateConfig
{
    /// <summary><c>models</c> by name; <c>default</c> is used unless an agent names another.</summary>
    public IDictionary<string, ModelSettings> Models { get; } = new Dictionary<string, ModelSettings>(StringComparer.Ordinal);

    /// <summary><c>agents</c> by name; <c>default</c> answers unless a binding names another.</summary>
    public IDictionary<string, AgentSettings> Agents { get; } = new Dictionary<string, AgentSettings>(StringComparer.Ordinal);

    /// <summary>
    /// <c>agents.maxConcurrentTurns</c>: most agent turns running at once across all sessions and accounts (1 to 4096;
    /// null: <see cref="DefaultMaxConcurrentTurns"/>). A reserved key of <c>agents</c>: no agent is named so.
    /// </summary>
    public int? MaxConcurrentTurns { get; set; }

    /// <summary>Default of <c>agents.maxConcurrentTurns</c>: sized for real models (seconds per answer), where turns mostly wait.</summary>
    public const int DefaultMaxConcurrentTurns = 64;

    /// <summary>Largest <c>agents.maxConcurrentTurns</c> accepted.</summary>
    public const int MaxMaxConcurrentTurns = 4096;

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

    /// <summary><c>coordination</c>: the shared limits of several replicas (Redis).</summary>
    public CoordinationSettings Coordination { get; set; } = new();

    /// <summary><c>attachments</c>.</summary>
    public AttachmentSettings Attachments { get; set; } = new();

    /// <summary><c>tools</c>.</summary>
    public ToolsSettings Tools { get; set; } = new();

    /// <summary><c>mcp</c>.</summary>
    public McpSettings Mcp { get; set; } = new();
}
