namespace DingGate.Core.Sessions;

/// <summary>One message of a session's history.</summary>
/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Text">What was said (for a user: the text the model read, attachments as their extracted text).</param>
/// <param name="At">When.</param>
/// <param name="Tokens">Tokens the model counted for it, when known.</param>
public sealed record SessionTurn(string Role, string Text, DateTimeOffset At, int? Tokens = null)
{
    /// <summary>The user role.</summary>
    public const string User = "user";

    /// <summary>The assistant role.</summary>
    public const string Assistant = "assistant";
}
