namespace DingGate.Core.Sessions;

/// <summary>One message of a session's history.</summary>
/// <param name="Role"><c>user</c>, <c>assistant</c>, or a step of the answer: <c>tool_call</c> / <c>tool_result</c>.</param>
/// <param name="Text">What was said (for a user: the text the model read, attachments as their extracted text; for a tool step: a JSON object with the call's id, name and arguments or result).</param>
/// <param name="At">When.</param>
/// <param name="Tokens">Tokens the model counted for it, when known.</param>
public sealed record SessionTurn(string Role, string Text, DateTimeOffset At, int? Tokens = null)
{
    /// <summary>The user role.</summary>
    public const string User = "user";

    /// <summary>The assistant role.</summary>
    public const string Assistant = "assistant";

    /// <summary>A tool call the model made while answering (JSON: id, name, arguments).</summary>
    public const string ToolCall = "tool_call";

    /// <summary>The result of a tool call (JSON: id, name, result).</summary>
    public const string ToolResult = "tool_result";
}
