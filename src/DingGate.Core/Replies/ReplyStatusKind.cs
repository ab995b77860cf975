namespace DingGate.Core.Replies;

/// <summary>Kind of <see cref="ReplyStatus"/>.</summary>
public enum ReplyStatusKind
{
    /// <summary>The model is thinking.</summary>
    Reasoning,

    /// <summary>A tool is being called.</summary>
    ToolCall,
}
