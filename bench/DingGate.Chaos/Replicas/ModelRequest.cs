namespace DingGate.Chaos.Replicas;

/// <summary>One model request: the token of the message answered and the tokens of the earlier user turns it carried, in order.</summary>
internal sealed record ModelRequest(string Token, IReadOnlyList<string> History);
