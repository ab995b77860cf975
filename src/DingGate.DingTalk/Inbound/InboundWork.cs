using DingGate.Core.Storage;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// One journaled push waiting in its conversation's lane: the frame's topic, the message key (journal and dedup key)
/// and payload, the payload already parsed (null for a topic that is not a bot message), and the journal entry when it
/// is resumed from a previous run.
/// </summary>
internal sealed record InboundWork(string Topic, string Key, string Payload, ParseResult? Parsed, InboundJournalEntry? Resumed);
