using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DingGate.Emulator.Recording;

namespace DingGate.Emulator.Conversations;

/// <summary>
/// Everything said in every conversation, in order: the control page and tests read what the bot "sent" from here.
/// Written by message injection (user side), the session webhook, the robot OpenAPI and card delivery.
/// </summary>
internal sealed class ConversationLog(EmulatorOptions options, TrafficRecorder sequence)
{
    private readonly ConcurrentQueue<ConversationEntry> _entries = new();

    // The first entry of each message key (what FindByMessageKey returns): the emotion endpoints look messages up by
    // msgId on every call, and a scan of the whole log made each lookup cost O(messages so far) (the benchmark at
    // hundreds of messages per second spent most of the emulator's CPU there).
    private readonly ConcurrentDictionary<string, ConversationEntry> _byMessageKey = new(StringComparer.Ordinal);

    public IReadOnlyList<ConversationEntry> All => _entries.ToArray();

    public ConversationEntry Add(
        string conversationId, string conversationType, string robotCode, bool fromBot, string kind, string via, JsonNode content,
        string? userId = null, string? messageKey = null, string? outTrackId = null)
    {
        var entry = new ConversationEntry
        {
            Sequence = sequence.NextSequence(), At = options.TimeProvider.GetUtcNow(), ConversationId = conversationId,
            ConversationType = conversationType, RobotCode = robotCode, FromBot = fromBot, Kind = kind, Via = via,
            Content = content, UserId = userId, MessageKey = messageKey, OutTrackId = outTrackId,
        };
        _entries.Enqueue(entry);
        if (messageKey is not null)
        {
            _byMessageKey.TryAdd(messageKey, entry);
        }

        return entry;
    }

    public IReadOnlyList<ConversationEntry> For(string conversationId) =>
        _entries.Where(e => string.Equals(e.ConversationId, conversationId, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<ConversationEntry> SentByBot(string? conversationId = null) =>
        _entries.Where(e => e.FromBot && (conversationId is null || e.ConversationId == conversationId)).ToList();

    public ConversationEntry? FindByMessageKey(string messageKey) => _byMessageKey.GetValueOrDefault(messageKey);

    public void Clear()
    {
        _entries.Clear();
        _byMessageKey.Clear();
    }
}
