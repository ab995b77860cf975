namespace DingGate.Core.Configuration;

/// <summary><c>tools</c>: how the agent calls tools (built-in DingTalk tools and MCP servers' tools).</summary>
public sealed class ToolsSettings
{
    /// <summary>Default of <see cref="MaxRounds"/>.</summary>
    public const int DefaultMaxRounds = 8;

    /// <summary>Default of <see cref="CallTimeoutMs"/>.</summary>
    public const int DefaultCallTimeoutMs = 60_000;

    /// <summary>Default of <see cref="ResultMaxChars"/>.</summary>
    public const int DefaultResultMaxChars = 8_000;

    /// <summary>Most model round trips with tool calls per turn (default 8); then the model must answer without tools.</summary>
    public int? MaxRounds { get; set; }

    /// <summary>Most milliseconds one tool call may take (default 60 000); then the model gets a timeout result.</summary>
    public int? CallTimeoutMs { get; set; }

    /// <summary>Most characters of one tool result given to the model and kept in the history (default 8 000).</summary>
    public int? ResultMaxChars { get; set; }

    /// <summary>The directory <c>send_file</c> may read local files from (default <c>&lt;stateDir&gt;/workspace</c>).</summary>
    public string? Workspace { get; set; }

    /// <summary>
    /// Tools that run only for senders in <c>channels.dingtalk.owners</c>: names or <c>mcp:&lt;server&gt;/*</c>
    /// (null: <see cref="DefaultOwnerOnly"/>). Others get a refusal as the tool's result.
    /// </summary>
    public IList<string>? OwnerOnly { get; set; }

    /// <summary>Default of <see cref="OwnerOnly"/>: a proactive message to anyone in the company is the owner's call.</summary>
    public static readonly IReadOnlyList<string> DefaultOwnerOnly = ["send_message"];

    /// <summary><c>tools.fetchUrl</c>.</summary>
    public FetchUrlSettings FetchUrl { get; set; } = new();

    /// <summary><c>tools.schedule</c>.</summary>
    public ScheduleSettings Schedule { get; set; } = new();
}
