namespace DingGate.Core.Replies;

/// <summary>What a proactive send did: the channel's handles of the sent messages (DingTalk processQueryKey, for recall) and the calls made.</summary>
/// <param name="MessageKeys">One key per message sent, in order.</param>
/// <param name="ApiCalls">Channel API calls by kind.</param>
public sealed record SendReceipt(IReadOnlyList<string> MessageKeys, IReadOnlyDictionary<string, int> ApiCalls);
