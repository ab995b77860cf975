namespace DingGate.Chaos.Replicas;

/// <summary>
/// KillForGood: the messages the dead replica held at the kill (its connection ACKed them, no answer was shown yet),
/// and how long after the kill each got its first complete answer from another replica (absent: none in the watch).
/// </summary>
internal sealed record HeldMessages(IReadOnlyList<string> Tokens, IReadOnlyDictionary<string, TimeSpan> AnsweredAfter, TimeSpan Deadline);
