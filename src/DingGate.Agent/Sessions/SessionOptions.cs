using DingGate.Core.Configuration;
using DingGate.Core.Sessions;

namespace DingGate.Agent.Sessions;

// The session layer's settings after defaults: how messages map to sessions and how much work may wait or run.
internal sealed record SessionOptions(SessionScope Scope, int QueueDepth, int MaxConcurrentTurns)
{
    public const int DefaultQueueDepth = 5;

    // maxConcurrentTurns: agents.maxConcurrentTurns (null: DinggateConfig.DefaultMaxConcurrentTurns).
    public static SessionOptions From(SessionSettings settings, int? maxConcurrentTurns = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var scope = SessionScopes.Parse(settings.Scope) ?? throw new ArgumentException(
            $"session.scope '{settings.Scope}' is not one of per-peer, per-user-in-group.", nameof(settings));
        var depth = settings.QueueDepth ?? DefaultQueueDepth;
        if (depth < 0)
        {
            throw new ArgumentException($"session.queueDepth {depth} must be 0 or more.", nameof(settings));
        }

        var turns = maxConcurrentTurns ?? DinggateConfig.DefaultMaxConcurrentTurns;
        if (turns is < 1 or > DinggateConfig.MaxMaxConcurrentTurns)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxConcurrentTurns), turns, $"agents.maxConcurrentTurns {turns} must be between 1 and {DinggateConfig.MaxMaxConcurrentTurns}.");
        }

        return new SessionOptions(scope, depth, turns);
    }
}
