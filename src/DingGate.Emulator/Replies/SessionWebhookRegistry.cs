using System.Collections.Concurrent;
using DingGate.Emulator.Fixtures;

namespace DingGate.Emulator.Replies;

/// <summary>
/// Sessions behind <c>/robot/sendBySession?session=&lt;32 hex&gt;</c>. Each inbound message gets a fresh session valid for
/// <see cref="EmulatorOptions.SessionWebhookLifetime"/> (spec §2.1: createAt + 5 400 000 ms).
/// </summary>
internal sealed class SessionWebhookRegistry(EmulatorOptions options, IdGenerator ids)
{
    private readonly ConcurrentDictionary<string, SessionWebhook> _sessions = new(StringComparer.Ordinal);

    public SessionWebhook Create(string robotCode, string conversationId, string conversationType, string senderUserId, DateTimeOffset createdAt)
    {
        var session = new SessionWebhook(ids.NewHex(32), robotCode, conversationId, conversationType, senderUserId, createdAt + options.SessionWebhookLifetime);
        _sessions[session.Session] = session;
        return session;
    }

    /// <summary>The live session, or null when unknown or expired.</summary>
    public SessionWebhook? FindLive(string? session) =>
        session is not null && _sessions.TryGetValue(session, out var s) && s.ExpiresAt > options.TimeProvider.GetUtcNow() ? s : null;

    /// <summary>Expires every session (or one) at once, for tests of the OpenAPI fallback.</summary>
    public int Expire(string? session = null)
    {
        var count = 0;
        foreach (var key in _sessions.Keys.Where(k => session is null || k == session).ToList())
        {
            if (_sessions.TryRemove(key, out _))
            {
                count++;
            }
        }

        return count;
    }
}
