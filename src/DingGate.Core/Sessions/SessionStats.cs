namespace DingGate.Core.Sessions;

/// <summary>What <c>/status</c> shows about a session.</summary>
/// <param name="Messages">History messages stored.</param>
/// <param name="InputTokens">Model input tokens used so far (since the last /new).</param>
/// <param name="OutputTokens">Model output tokens used so far.</param>
/// <param name="StartedAt">When the session (re)started, null when it has no history.</param>
public sealed record SessionStats(int Messages, long InputTokens, long OutputTokens, DateTimeOffset? StartedAt);
