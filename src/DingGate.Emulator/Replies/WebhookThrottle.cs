using System.Collections.Concurrent;

namespace DingGate.Emulator.Replies;

/// <summary>
/// Optional throttle of session-webhook replies (spec §7 GUESS, modelled on the custom robot): more than 20 messages
/// within a minute in one conversation blocks it for 10 minutes. Active only when
/// <see cref="EmulatorOptions.SessionWebhookThrottle"/> is on.
/// </summary>
internal sealed class WebhookThrottle(EmulatorOptions options)
{
    public const int MessagesPerMinute = 20;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Penalty = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>True when the message may pass; counts it.</summary>
    public bool TryPass(string conversationId)
    {
        if (!options.SessionWebhookThrottle)
        {
            return true;
        }

        var now = options.TimeProvider.GetUtcNow();
        var state = _states.GetOrAdd(conversationId, _ => new State());
        lock (state)
        {
            if (state.BlockedUntil > now)
            {
                return false;
            }

            while (state.Sent.Count > 0 && state.Sent.Peek() <= now - Window)
            {
                state.Sent.Dequeue();
            }

            if (state.Sent.Count >= MessagesPerMinute)
            {
                state.BlockedUntil = now + Penalty;
                state.Sent.Clear();
                return false;
            }

            state.Sent.Enqueue(now);
            return true;
        }
    }

    private sealed class State
    {
        public Queue<DateTimeOffset> Sent { get; } = new();

        public DateTimeOffset BlockedUntil { get; set; }
    }
}
