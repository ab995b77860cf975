using DingGate.Core.Inbound;

namespace DingGate.DingTalk.Inbound;

/// <summary>
/// The media of this account's recent inbound messages, by msgId: what <see cref="InboundPreparer"/> downloaded for an
/// allowed message (its own files, and a quote's), so a later quote of that message finds its pictures and files even
/// when the quote carries no <c>downloadCode</c> (the <c>originalMsgId</c> and legacy <c>quoteMessage</c> forms,
/// <c>unknownMsgType</c>, or a content without one) and without a second download call. Bounded: at most
/// <c>maxMessages</c> messages (the oldest goes first) and none older than <c>maxAge</c>; a file deleted meanwhile (media
/// retention) is skipped. A quote finds a message only within the same conversation.
/// In memory only: after a restart it is empty, and a quote of an earlier message is then downloaded through its
/// <c>downloadCode</c> when it has one, else reaches the model as its text only (docs/agent.md, "Quoted media").
/// </summary>
internal sealed class RecentInboundMedia(TimeProvider time, int maxMessages = RecentInboundMedia.DefaultMaxMessages, TimeSpan? maxAge = null)
{
    /// <summary>Messages remembered per account.</summary>
    public const int DefaultMaxMessages = 500;

    /// <summary>How long a message's media is remembered (downloaded media itself is kept 24 h by default: <c>retention.media</c>).</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();
    private readonly TimeSpan _maxAge = maxAge ?? DefaultMaxAge;

    /// <summary>Messages remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Remembers the downloaded files (those with a local path) of message <paramref name="messageId"/>; nothing without any.</summary>
    public void Remember(string messageId, string conversationId, IEnumerable<InboundAttachment> attachments)
    {
        var downloaded = attachments.Where(a => a.LocalPath is not null).ToList();
        if (downloaded.Count == 0 || string.IsNullOrEmpty(messageId) || maxMessages <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Remove(messageId, out var old))
            {
                _order.Remove(old.Node);
            }

            var node = _order.AddLast(messageId);
            _entries[messageId] = new Entry(conversationId, downloaded, time.GetUtcNow(), node);
            while (_entries.Count > maxMessages && _order.First is { } oldest)
            {
                _entries.Remove(oldest.Value);
                _order.RemoveFirst();
            }
        }
    }

    /// <summary>
    /// The files of message <paramref name="messageId"/> in conversation <paramref name="conversationId"/> that are still
    /// on disk; null when it is not remembered (never was, too old, pushed out, another conversation) or none is left.
    /// </summary>
    public IReadOnlyList<InboundAttachment>? Find(string messageId, string conversationId)
    {
        Entry? entry;
        lock (_gate)
        {
            Expire();
            if (!_entries.TryGetValue(messageId, out entry) || !string.Equals(entry.ConversationId, conversationId, StringComparison.Ordinal))
            {
                return null;
            }
        }

        var present = entry.Attachments.Where(a => File.Exists(a.LocalPath)).ToList();
        return present.Count > 0 ? present : null;
    }

    // Caller holds _gate. Entries are in insertion order, so the oldest are first.
    private void Expire()
    {
        var cutoff = time.GetUtcNow() - _maxAge;
        while (_order.First is { } oldest && _entries[oldest.Value].At < cutoff)
        {
            _entries.Remove(oldest.Value);
            _order.RemoveFirst();
        }
    }

    private sealed record Entry(string ConversationId, IReadOnlyList<InboundAttachment> Attachments, DateTimeOffset At, LinkedListNode<string> Node);
}
