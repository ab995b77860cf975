namespace DingGate.Core.Configuration;

/// <summary><c>agents.&lt;name&gt;</c>: what answers (model, system prompt, history budget).</summary>
public sealed class AgentSettings
{
    /// <summary>Name of the model under <c>models</c>; null: <c>default</c>.</summary>
    public string? Model { get; set; }

    /// <summary>System prompt.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Most history messages sent to the model (default 40).</summary>
    public int? MaxHistoryMessages { get; set; }

    /// <summary>Most history characters sent to the model (default 24 000).</summary>
    public int? MaxHistoryChars { get; set; }

    /// <summary><c>tools</c>: which tools it may use (default none).</summary>
    public AgentToolSettings Tools { get; set; } = new();
}
