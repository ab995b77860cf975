namespace DingGate.Chaos.Verdict;

/// <summary>An outbox entry held as ambiguous (DingTalk may or may not have shown it): which one and the text it carries.</summary>
internal sealed record HeldOutboxEntry(string Account, string Id, string Text);
