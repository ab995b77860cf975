namespace DingGate.Core.Replies;

/// <summary>Kind of <see cref="ReplyStatus"/>.</summary>
public enum ReplyStatusKind
{
    /// <summary>The model is thinking.</summary>
    Reasoning,

    /// <summary>A tool is being called (<see cref="ReplyStatus.Text"/>: the tool's name).</summary>
    ToolCall,

    /// <summary>A tool call returned (<see cref="ReplyStatus.Text"/>: the tool's name).</summary>
    ToolDone,

    /// <summary>A tool call failed, timed out or was refused (<see cref="ReplyStatus.Text"/>: the tool's name).</summary>
    ToolFailed,
}
